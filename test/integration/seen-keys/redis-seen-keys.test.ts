import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSeenKeys } from '../../../src/infra/redis-seen-keys.js';
import { canRunRedisTests, type RedisServer, startRedis } from '../../helpers/redis.js';

const log = pino({ level: 'silent' });

describe.skipIf(!canRunRedisTests())('seen keys shared through Redis', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('lets exactly one of several processes claim a key, for the time given', async () => {
    const replicas = [0, 1, 2].map(() => createRedisSeenKeys(redis.url, log, { prefix: 'test-a:' }));
    try {
      const answers = await Promise.all(replicas.map((r) => r.claim('request-1', 60_000)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await replicas[1]?.claim('request-2', 60_000)).toBe(true);
      expect(await replicas[2]?.claim('request-2', 60_000)).toBe(false);
    } finally {
      for (const r of replicas) await r.close();
    }
  });

  it('decides alone while Redis is down, and shares again once it is back', async () => {
    const a = createRedisSeenKeys(redis.url, log, { prefix: 'test-b:', timeoutMs: 300 });
    const b = createRedisSeenKeys(redis.url, log, { prefix: 'test-b:', timeoutMs: 300 });
    try {
      expect(await a.claim('warm-up', 60_000)).toBe(true);
      expect(await b.claim('warm-up-b', 60_000)).toBe(true);
      await redis.stop();
      // Not shared now: each process still catches its own repeats.
      expect(await a.claim('during', 60_000)).toBe(true);
      expect(await a.claim('during', 60_000)).toBe(false);
      await redis.restart();
      // Shared again once a key claimed by one process is refused to the other.
      await expect
        .poll(
          async () => {
            const key = `probe-${Math.random()}`;
            return (await a.claim(key, 60_000)) && !(await b.claim(key, 60_000));
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      expect(await b.claim('shared', 60_000)).toBe(true);
      expect(await a.claim('shared', 60_000)).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
