import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import { createMemorySeenKeys } from '../core/memory-seen-keys.js';
import type { SeenKeys } from '../core/ports.js';
import { withDeadline } from './limiter/deadline.js';

export interface RedisSeenKeysOptions {
  /** Key prefix in Redis. Default 'atelier:seen:'. */
  prefix?: string;
  /** Longest a claim waits for Redis before this process decides alone. Default 500 ms. */
  timeoutMs?: number;
}

/**
 * SeenKeys shared by every process using this Redis: a claim is `SET key 1 NX PX ttl`, which only the first
 * caller wins. Connects on first use (a bot without Slack never opens the connection). When Redis cannot
 * answer in time the claim is decided in this process alone (a repeat reaching the same process is still
 * caught), so an outage costs the cross-replica guarantee for a while, not every request.
 */
export function createRedisSeenKeys(url: string, log: Logger, options: RedisSeenKeysOptions = {}): SeenKeys {
  const prefix = options.prefix ?? 'atelier:seen:';
  const timeoutMs = options.timeoutMs ?? 500;
  const local = createMemorySeenKeys();
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let down = false;
  // Without a listener ioredis's 'error' events would end the process; the claims report what matters.
  client.on('error', () => {});
  client.on('ready', () => {
    if (down) log.info('redis is back; replay protection is shared across replicas again');
    down = false;
  });

  return {
    async claim(key, ttlMs) {
      const ms = Math.max(1, Math.ceil(ttlMs));
      // Also kept here: decides alone during an outage, and a repeat to this process needs no round trip.
      const firstHere = await local.claim(key, ms);
      if (!firstHere) return false;
      try {
        const set = client.set(`${prefix}${key}`, '1', 'PX', ms, 'NX');
        const answer = await withDeadline(set, timeoutMs, `no answer within ${timeoutMs} ms`);
        return answer === 'OK';
      } catch (error) {
        if (!down)
          log.warn(
            { err: error },
            'redis is unreachable; replayed requests are only caught by the replica they reach',
          );
        down = true;
        return true;
      }
    },
    async close() {
      client.disconnect();
      await local.close();
    },
  };
}
