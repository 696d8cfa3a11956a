import { formError } from './form-errors.js';
import { apiErrors } from './http-io.js';
import { guildChannels, renderApplication, renderGuild, renderMember } from './render-guild.js';
import { defineRoute, type RouteDef } from './router.js';
import type { Services } from './services.js';
import type { GuildRecord } from './state.js';

const SESSION_LIMIT = 1000;
const DAY_MS = 86_400_000;

/** Gateway discovery, the bot's own user and application, guilds and channels. */
export function botRoutes(s: Services): RouteDef[] {
  const { state } = s.hub;
  const guild = (id = ''): GuildRecord => {
    const found = state.guilds.get(id);
    if (!found) throw apiErrors.unknownGuild();
    return found;
  };
  const ok = (body: unknown) => ({ status: 200, body });
  return [
    defineRoute('GET', '/gateway', () => ok({ url: s.gateway.url() })),
    defineRoute('GET', '/gateway/bot', () => {
      const knobs = s.hub.knobs();
      return ok({
        url: s.gateway.url(),
        shards: knobs.recommendedShards,
        session_start_limit: {
          total: SESSION_LIMIT,
          remaining: Math.max(0, SESSION_LIMIT - s.gateway.identifies()),
          reset_after: DAY_MS,
          max_concurrency: knobs.maxConcurrency,
        },
      });
    }),
    defineRoute('GET', '/users/@me', () => ok(state.botUser)),
    defineRoute('GET', '/users/:userId', ({ params }) => {
      const user = state.users.get(params.userId ?? '');
      if (!user) throw apiErrors.unknownUser();
      return ok(user);
    }),
    // user.mdx "Create DM": the DM channel with a user (the existing one if open).
    defineRoute('POST', '/users/@me/channels', ({ body }) => {
      const recipient = (body as { recipient_id?: unknown } | undefined)?.recipient_id;
      if (typeof recipient !== 'string')
        throw formError(['recipient_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      if (!state.users.get(recipient) || recipient === state.botUser.id) throw apiErrors.unknownUser();
      return ok(state.openDm(recipient));
    }),
    defineRoute('GET', '/applications/@me', () => ok(renderApplication(state))),
    defineRoute('GET', '/guilds/:guildId', ({ params }) => ok(renderGuild(guild(params.guildId)))),
    defineRoute('GET', '/guilds/:guildId/channels', ({ params }) =>
      ok(guildChannels(state, guild(params.guildId))),
    ),
    defineRoute('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
      const member = renderMember(state, guild(params.guildId), params.userId ?? '');
      if (!member) throw apiErrors.unknownMember();
      return ok(member);
    }),
    defineRoute('GET', '/channels/:channelId', ({ params }) =>
      ok(s.messages.channel(params.channelId ?? '')),
    ),
    defineRoute('POST', '/channels/:channelId/typing', ({ params }) => {
      s.messages.channel(params.channelId ?? '');
      return { status: 204 };
    }),
  ];
}
