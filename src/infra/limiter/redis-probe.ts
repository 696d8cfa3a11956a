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
  // Log transitions only: ioredis reports an error on every reconnect attempt.
  let state: 'connecting' | 'up' | 'down' | 'closed' = 'connecting';
  client.on('ready', () => {
    log.info(state === 'down' ? 'redis connection restored' : 'redis connection ready');
    state = 'up';
  });
  client.on('error', (error: Error) => {
    if (state === 'closed') return;
    if (state !== 'down')
      log.warn({ err: error }, 'redis is unreachable; provider jobs wait until it is back');
    state = 'down';
  });
  client.on('close', () => {
    if (state === 'closed') return;
    if (state === 'up') log.warn('redis connection closed');
    state = 'down';
  });

  const waitUntilReady = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error(`not connected (${client.status})`));
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
      try {
        if (client.status === 'end') throw new Error('the connection is closed');
        if (client.status !== 'ready') await waitUntilReady();
        await withDeadline(client.ping(), timeoutMs, `no answer to PING within ${timeoutMs} ms`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Redis is unreachable: ${reason}`, { cause: error });
      }
    },
    async close() {
      state = 'closed';
      client.disconnect();
    },
  };
}
