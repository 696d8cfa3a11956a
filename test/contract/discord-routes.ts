/**
 * The Discord routes the bot's own code calls, found by reading src/platforms/discord: each call site's
 * token (a REST call on a `Routes.*` helper, a discord.js interaction method, a manager fetch) maps to
 * the spec routes it sends. A new call site fails the coverage test until it is listed here and the
 * contract scenario exercises it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CALLBACK = 'POST /interactions/{interaction_id}/{interaction_token}/callback';
const ORIGINAL = '/webhooks/{webhook_id}/{webhook_token}/messages/@original';
const MESSAGE = '/channels/{channel_id}/messages/{message_id}';
const FOLLOW_UP = '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}';

export const BOT_ROUTES: Record<string, string[]> = {
  'rest.post(Routes.channelMessages': ['POST /channels/{channel_id}/messages'],
  'rest.patch(Routes.channelMessage': [`PATCH ${MESSAGE}`],
  'rest.delete(Routes.channelMessage': [`DELETE ${MESSAGE}`],
  'rest.post(Routes.threads': [`POST ${MESSAGE}/threads`],
  'rest.post(Routes.userChannels': ['POST /users/@me/channels'],
  'rest.put(Routes.channelMessageOwnReaction': [`PUT ${MESSAGE}/reactions/{emoji_name}/@me`],
  'hooks.patch(Routes.webhookMessage': [`PATCH ${ORIGINAL}`, `PATCH ${FOLLOW_UP}`],
  'hooks.post(Routes.webhook': ['POST /webhooks/{webhook_id}/{webhook_token}'],
  'hooks.delete(Routes.webhookMessage': [`DELETE ${ORIGINAL}`, `DELETE ${FOLLOW_UP}`],
  'rest.patch(Routes.channel': ['PATCH /channels/{channel_id}'],
  'Routes.applicationCommands': ['PUT /applications/{application_id}/commands'],
  'Routes.applicationGuildCommands': ['PUT /applications/{application_id}/guilds/{guild_id}/commands'],
  'interaction.deferReply': [CALLBACK],
  'interaction.deferUpdate': [CALLBACK],
  'interaction.reply': [CALLBACK],
  'interaction.update': [CALLBACK],
  'interaction.respond': [CALLBACK],
  'interaction.editReply': [`PATCH ${ORIGINAL}`],
  'interaction.followUp': ['POST /webhooks/{webhook_id}/{webhook_token}'],
  'interaction.deleteReply': [`DELETE ${ORIGINAL}`],
  'guilds.fetch': ['GET /guilds/{guild_id}'],
  'members.fetch': ['GET /guilds/{guild_id}/members/{user_id}'],
};

/** Routes the scenario does not reach, each with the reason; the spec and limit checks still apply. */
export const NOT_IN_SCENARIO: Record<string, string> = {
  [`DELETE ${FOLLOW_UP}`]:
    'delete-messages.ts deletes a follow-up by its token only when a job became one (its channel refused the bot) and is deleted within the token’s 15 minutes where the bot still may not go',
  'GET /guilds/{guild_id}':
    'delete-admin.ts fetches the guild only when it is not cached; GUILD_CREATE always caches it',
  'GET /guilds/{guild_id}/members/{user_id}':
    'delete-admin.ts fetches a member only when uncached: GUILD_CREATE carries only the bot now (issue 16 item 7), but a ❌ reaction carries its member, which discord.js caches; test/e2e/discord-emulator.test.ts exercises the fetch',
};

const TOKEN =
  /(rest|hooks)\.(get|post|patch|put|delete)\(\s*Routes\.\w+|Routes\.application(Guild)?Commands\b|interaction\.(deferReply|deferUpdate|reply|update|respond|editReply|followUp|deleteReply)\(|\.(guilds|members)\.fetch\(/g;

/** Call sites in src/platforms/discord, by token (`rest.post(Routes.threads`, `interaction.reply` …). */
export function routesInSource(dir = new URL('../../src/platforms/discord/', import.meta.url).pathname) {
  const found = new Map<string, string[]>();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(TOKEN)) {
      const token = match[0].replace(/\($/, '').replace(/^\./, '').replace(/\(\s+/, '(');
      found.set(token, [...(found.get(token) ?? []), file]);
    }
  }
  return found;
}
