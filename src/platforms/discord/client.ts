import { Client, type ClientOptions, GatewayIntentBits, Options, Partials, RESTEvents } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import type { Metrics } from '../../infra/metrics.js';

/**
 * The discord.js client: REST at DISCORD_API_URL (discord.js adds /v10 and finds the gateway through
 * GET /gateway/bot); intents for slash commands and reactions; partials so reactions on messages the
 * client never cached (old ones, or from before a restart) still arrive. Every REST response is counted.
 */
export function createDiscordClient(config: DiscordConfig, metrics: Metrics, log: Logger): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: { api: config.apiUrl, retries: 3 },
    allowedMentions: { parse: [] },
    // The bot never reads history: a small message cache keeps memory flat on busy servers.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 20 }),
    ...shardOptions(config.shards),
  });
  client.rest.on(RESTEvents.Response, (request, response) => {
    metrics.chatCalls.inc({
      platform: 'discord',
      method: `${request.method.toUpperCase()} ${request.route}`,
    });
    // The clone discord.js hands listeners would otherwise keep the response body buffered.
    if (response instanceof Response && response.body && !response.bodyUsed)
      void response.body.cancel().catch(() => {});
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
      'discord rate limit: waiting',
    ),
  );
  client.on('error', (error) => log.error({ err: error }, 'discord client error'));
  client.on('warn', (message) => log.warn({ message }, 'discord client warning'));
  return client;
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
