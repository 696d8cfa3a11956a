/**
 * Where the Discord emulator (or discord.js, for requests) differs from what the spec and docs show, and
 * why. Two kinds of entry: differences on purpose (the docs and the spec disagree, a field is optional…),
 * and divergences the suite found that are left to the emulator's owners (marked DIVERGENCE, issue 16).
 * Every entry needs its reason; remove an entry once nothing matches it.
 */
import type { SampleRules } from './lib/sample-compare.js';

/** Gateway event → docs shape (discord-doc-shapes.ts); null: nothing to check. */
export const SHAPE_OF_EVENT: Record<string, string | null> = {
  READY: 'ready',
  GUILD_CREATE: 'guild-create',
  INTERACTION_CREATE: 'interaction',
  MESSAGE_CREATE: 'message-create',
  MESSAGE_UPDATE: 'message-create',
  MESSAGE_DELETE: 'message-delete',
  MESSAGE_REACTION_ADD: 'reaction-add',
  MESSAGE_REACTION_REMOVE: 'reaction-remove',
  CHANNEL_UPDATE: 'channel',
  THREAD_CREATE: 'channel',
  THREAD_UPDATE: 'channel',
  THREAD_MEMBER_UPDATE: 'thread-member-update',
  GUILD_MEMBERS_CHUNK: 'members-chunk',
  // gateway-events.mdx "Resumed": an empty payload.
  RESUMED: null,
};

const READY_EXTRA =
  'DIVERGENCE: not in gateway-events.mdx "Ready Event Fields"; the emulator adds it as user-account READY payloads carry it. discord.js ignores it; drop it or cite a source';

/** `<shape>.<field>` → why the docs' table is not followed there. */
export const DOC_ALLOW: Record<string, string> = {
  'partial-guild.locale':
    'interactions carry guild { id, locale, features } (discord-api-types APIPartialInteractionGuild); the Guild Structure table names it preferred_locale',
  'channel.newly_created':
    'gateway-events.mdx "Thread Create": "When a thread is created, includes an additional newly_created boolean field"',
  'guild-create.hub_type':
    'DIVERGENCE: not in the Guild Structure table (discord-api-types APIGuild declares it, for Student Hubs); the emulator sends hub_type: null',
  'ready.user_settings': READY_EXTRA,
  'ready.session_type': READY_EXTRA,
  'ready.relationships': READY_EXTRA,
  'ready.private_channels': READY_EXTRA,
  'ready.presences': READY_EXTRA,
  'ready.guild_join_requests': READY_EXTRA,
  'ready.geo_ordered_rtc_regions': READY_EXTRA,
  'ready._trace': READY_EXTRA,
};

const OPTIONAL = 'optional in the docs’ structure table (`?`); the example shows it set';

/** Example file → path → why the emulator differs from the docs' example. */
export const EXAMPLE_ALLOW: Record<string, Record<string, string>> = {
  user: {
    verified: 'user.mdx: verified and email need the email OAuth2 scope; a bot user has neither',
    email: 'user.mdx: verified and email need the email OAuth2 scope; a bot user has neither',
    premium_type: `${OPTIONAL} (Nitro; bots have none)`,
    banner: OPTIONAL,
    accent_color: OPTIONAL,
    avatar_decoration_data: OPTIONAL,
    collectibles: OPTIONAL,
  },
  message: { reactions: 'message.mdx: reactions? is absent while a message has no reaction' },
  'interaction-slash-command': {
    'member.is_pending':
      'not in the Guild Member Structure table any more (the example predates its removal)',
    'data.options[].value':
      'an option value’s type follows the option’s type: the example’s option is a string, the seed an integer',
  },
  guild: {
    region: 'guild.mdx: region? is deprecated (voice regions are per channel)',
    max_presences: `${OPTIONAL} (null except for the largest guilds)`,
  },
  'channel-guild-text': { default_auto_archive_duration: OPTIONAL },
};

/** How an emulator payload is held against a docs example: every key of the example, the same JSON types. */
export const exampleRules = (name: string): SampleRules => ({
  source: `discord-api-docs example samples/discord/${name}.json`,
  required: 'all',
  extraAllowed: true,
  allow: EXAMPLE_ALLOW[name] ?? {},
});

const ATTACHMENT_ID =
  'message.mdx "Attachment Request Structure": id is "attachment id or a number that matches n in files[n]"; discord.js sends the number, the spec types it as a snowflake string';

const COMPONENT_ID =
  'DIVERGENCE: discord-api-spec requires `id` on every component of a message response (components/reference.mdx: "id? ... auto populated through increment if not provided"); the emulator echoes components without one';

/** Substring of "<where>: <message>" → why the spec is not followed there. */
export const SPEC_ALLOW: Record<string, string> = {
  "must have required property 'id'": COMPONENT_ID,
  "must have required property 'min_values'":
    'DIVERGENCE: discord-api-spec StringSelectComponentResponse requires min_values/max_values; the emulator echoes the bot’s select without the defaults (1) filled in',
  "must have required property 'max_values'":
    'DIVERGENCE: as min_values: the emulator does not fill in the select’s defaults',
  // One key per index (≤ 10 attachments per message), so that nothing else under attachments is excused.
  ...Object.fromEntries(
    Array.from({ length: 10 }, (_, n) => [`body/attachments/${n}/id: must be string`, ATTACHMENT_ID]),
  ),
  'has "enforce_nonce"':
    'discord.js 14 MessagePayload sends enforce_nonce on every message body; the webhook and callback schemas do not list it and Discord ignores unknown fields',
  'has "tts"':
    'discord.js 14 sends tts: false on webhook and callback bodies too; the webhook edit schema does not list it and Discord ignores unknown fields',
  '/callback → 200 response/resource/type':
    'DIVERGENCE: ?with_response=true answers resource.type with the callback type the bot sent; the spec allows only 4 (CHANNEL_MESSAGE_WITH_SOURCE), 9 (MODAL) and 12 (LAUNCH_ACTIVITY) there',
  "POST /users/@me/channels → 200 response/: must have required property 'flags'":
    'DIVERGENCE: PrivateChannelResponse requires flags; the emulator’s DM channel has none',
  'POST /users/@me/channels → 200 response/: has "name"':
    'DIVERGENCE: PrivateChannelResponse has no name; the emulator’s DM channel carries name: null',
  "→ 429 response/: must have required property 'code'":
    'rate-limits.mdx "Rate Limit Response Structure": code? is "An error code for some limits", and its examples (user, shared, global) have none; discord-api-spec makes every 429 an Error with a code (discord/discord-api-spec#24)',
  'response/referenced_message: has "reactions"':
    'DIVERGENCE: BasicMessageResponse (referenced_message) has no reactions; the emulator embeds the full message',
};
