import {
  Client,
  type ClientOptions,
  GatewayIntentBits,
  Options,
  Partials,
  REST,
  RESTEvents,
} from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import type { ChatCallCounter } from '../../core/ports.js';

/**
 * The discord.js client: REST at DISCORD_API_URL (discord.js adds /v10 and finds the gateway through
 * GET /gateway/bot); intents for slash commands and reactions; partials so reactions on messages the
 * client never cached (old ones, or from before a restart) still arrive, and so an interaction from a
 * channel it never cached (a thread that archived before this process started: GUILD_CREATE lists only
 * active ones) still comes with its channel: without Partials.Channel `interaction.channel` is null there
 * and a thread passes for a plain channel. Every REST response is counted.
 */
export function createDiscordClient(config: DiscordConfig, countCall: ChatCallCounter, log: Logger): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User, Partials.Channel],
    rest: { api: config.apiUrl, retries: 3 },
    allowedMentions: { parse: [] },
    // The bot never reads history and needs a member or user only while handling their interaction (which
    // carries them): small caches keep memory flat on servers with 100,000 members instead of growing with
    // everyone who ever ran a command. Its own user and member are always kept.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 20,
      UserManager: { maxSize: 200, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 200, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...shardOptions(config.shards),
  });
  observeRest(client.rest, countCall, log);
  client.on('error', (error) => log.error({ err: error }, 'discord client error'));
  client.on('warn', (message) => log.warn({ message }, 'discord client warning'));
  return client;
}

/**
 * REST for the interaction webhook routes (a deferred reply's edits, follow-ups), which Discord documents
 * as not bound to the bot's global rate limit ("Interaction endpoints are not bound to the bot's Global
 * Rate Limit", Rate Limits topic). The bot token's REST applies its 50/s to every route it sends, so a
 * burst of job edits would queue behind it for nothing. Per-route limits still apply and are still
 * honoured. It has no token: interaction routes are authenticated by theirs.
 */
export function createInteractionRest(config: DiscordConfig, countCall: ChatCallCounter, log: Logger): REST {
  const rest = new REST({
    api: config.apiUrl,
    retries: 3,
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
  });
  observeRest(rest, countCall, log);
  return rest;
}

/** Every REST response is counted; rate-limit waits are logged. */
function observeRest(rest: REST, countCall: ChatCallCounter, log: Logger): void {
  rest.on(RESTEvents.Response, (request, response) => {
    countCall({
      platform: 'discord',
      method: `${request.method.toUpperCase()} ${request.route}`,
    });
    // The clone discord.js hands listeners would otherwise keep the response body buffered.
    if (response instanceof Response && response.body && !response.bodyUsed)
      void response.body.cancel().catch(() => {});
  });
  rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
      'discord rate limit: waiting',
    ),
  );
}

/**
 * DISCORD_SHARDS: every shard runs in this one client (discord.js opens one gateway connection per shard),
 * not under ShardingManager, which would start the whole bot once per shard: one web server, one resume
 * and one provider limiter each. 'auto' takes Discord's recommended count from GET /gateway/bot.
 */
export function shardOptions(shards: DiscordConfig['shards']): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards === undefined) return {};
  if (shards === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}
