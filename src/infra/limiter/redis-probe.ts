import { Redis } from 'ioredis';
import type { Logger } from '../../core/logger.js';
import { withDeadline } from './deadline.js';

/** Answers "can we reach Redis right now?" for readiness checks, and logs when the connection comes and goes. */
export interface RedisProbe {
  /** Throws when Redis does not answer PING within the timeout. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export function createRedisProbe(redisUrl: string, log: Logger, timeoutMs = 1_000): RedisProbe {
  // No offline queue: a probe must fail fast while disconnected instead of queueing PINGs until Redis returns.
  const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let up = false;
  client.on('ready', () => {
    if (!up) log.info('redis connection ready');
    up = true;
  });
  client.on('error', (error: Error) => {
    if (up) log.warn({ err: error }, 'redis connection lost');
    else log.debug({ err: error }, 'redis still unreachable');
    up = false;
  });
  client.on('close', () => {
    if (up) log.warn('redis connection closed');
    up = false;
  });

  const waitUntilReady = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error(`Redis is unreachable (connection ${client.status})`));
      }, timeoutMs);
      timer.unref();
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      client.once('ready', onReady);
    });

  return {
    async check() {
      if (client.status === 'end') throw new Error('Redis connection is closed');
      if (client.status !== 'ready') await waitUntilReady();
      await withDeadline(client.ping(), timeoutMs, `Redis did not answer PING within ${timeoutMs} ms`);
    },
    async close() {
      client.disconnect();
    },
  };
}
