/**
 * Known-good Discord payloads for checkers.test.ts: GUILD_CREATE as the emulator renders it, READY with the
 * fields gateway-events.mdx "Ready Event Fields" lists, and INTERACTION_CREATE as the docs' example
 * ("Example Interaction", application-commands.mdx) brought up to today's Interaction Structure table.
 */
import { renderGuildCreate } from '../../../sandbox/discord/render-guild.js';
import { createSnowflakeFactory } from '../../../sandbox/discord/snowflake.js';
import { EmulatorState } from '../../../sandbox/discord/state.js';

type Json = Record<string, unknown>;

// A fixed clock: the same ids on every run.
const newState = () => new EmulatorState({ nextId: createSnowflakeFactory(() => Date.UTC(2026, 0, 2)) });

export function emulatorGuildCreate(): Json {
  const state = newState();
  const [guild] = state.guilds.values();
  if (!guild) throw new Error('the emulator seeds no guild');
  return JSON.parse(JSON.stringify(renderGuildCreate(state, guild, false))) as Json;
}

export function goodReady(): Json {
  const state = newState();
  return JSON.parse(
    JSON.stringify({
      v: 10,
      user: state.botUser,
      guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: 'c0ffee',
      resume_gateway_url: 'wss://127.0.0.1:1/',
      application: { id: state.applicationId, flags: 0 },
    }),
  ) as Json;
}

export const goodInteraction = (): Json => ({
  id: '786008729715212338',
  application_id: '771825006014889000',
  type: 2,
  token: 'A_UNIQUE_TOKEN',
  version: 1,
  member: {
    user: {
      id: '53908232506183680',
      username: 'Mason',
      global_name: null,
      avatar: 'a_d5efa99b3eeaa7dd43acca82f5692432',
      discriminator: '1337',
      public_flags: 131141,
    },
    roles: ['539082325061836999'],
    premium_since: null,
    permissions: '2147483647',
    pending: false,
    nick: null,
    mute: false,
    joined_at: '2017-03-13T19:19:14.040000+00:00',
    deaf: false,
    flags: 0,
  },
  guild_id: '290926798626357999',
  app_permissions: '442368',
  guild_locale: 'en-US',
  locale: 'en-US',
  data: {
    options: [{ type: 3, name: 'cardname', value: 'The Gitrog Monster' }],
    type: 1,
    name: 'cardsearch',
    id: '771825006014889984',
  },
  channel_id: '645027906669510667',
  entitlements: [],
  authorizing_integration_owners: { 0: '290926798626357999' },
  context: 0,
  attachment_size_limit: 10485760,
});
