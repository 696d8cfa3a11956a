import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiterRedis } from '../../../src/infra/limiter/limiter-redis.js';
import { canRunRedisTests, type RedisServer, startRedis } from '../../helpers/redis.js';

describe.skipIf(!canRunRedisTests())("the limiter's Redis connections", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a command nobody handles, still pending when the connection closes, does not end the process', async () => {
    const client = createLimiterRedis(redis.url, { maxRetriesPerRequest: null });
    // Bottleneck's subscriber comes from duplicate(): it must be guarded as well.
    const subscriber = client.duplicate();
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      // As ioredis's own re-subscription after a reconnect: sent, never handled, and the connection closes before
      // it is answered (here: before it is even connected, so the commands are still queued).
      const pending = [subscriber.subscribe('b_test'), client.call('CLIENT', 'INFO')];
      subscriber.disconnect();
      client.disconnect();
      await sleep(100);
      expect(unhandled).toEqual([]);
      // They did fail (handled here, late, only to show it).
      for (const command of pending) await expect(command).rejects.toThrow(/Connection is closed/);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('callers still get results and errors', async () => {
    const client = createLimiterRedis(redis.url, { maxRetriesPerRequest: null });
    try {
      await expect(client.ping()).resolves.toBe('PONG');
      await expect(client.call('NO-SUCH-COMMAND')).rejects.toThrow(/unknown command/i);
    } finally {
      client.disconnect();
    }
  });
});
