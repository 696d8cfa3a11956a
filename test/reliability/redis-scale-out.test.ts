import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDeadline } from '../../src/infra/limiter/deadline.js';
import { canRunRedisTests, type RedisServer, startRedis } from '../helpers/redis.js';
import { type Rig, startRig } from './rig.js';

const LIMIT = 3;
const PER_BOT = 18;

type Readiness = { status: string; checks: Array<{ name: string; ok: boolean; error?: string }> };

describe.skipIf(!canRunRedisTests())('two bot processes sharing REDIS_URL', () => {
  let redis: RedisServer;
  let a: Rig;
  let b: Rig;

  beforeAll(async () => {
    redis = await startRedis();
    // fal would run 20 at once: only our shared limiter keeps the two bots to LIMIT together.
    // Debug: the scheduler's account of its limiters is what a failure here needs.
    const env = { REDIS_URL: redis.url, PROVIDER_CONCURRENCY: String(LIMIT), LOG_LEVEL: 'debug' };
    a = await startRig({
      platforms: ['slack'],
      fal: { latencyMs: 700, latencySpreadMs: 200, concurrency: 20 },
      env,
      // 18 jobs per bot at once into one channel: this is about the shared limiter, not Slack's pace of
      // about one post a second per channel (test/e2e/slack runs with Slack's rate limits on).
      slackKnobs: { rateLimits: false },
    });
    b = await startRig({ platforms: ['slack'], shareFal: a, env, slackKnobs: { rateLimits: false } });
    await Promise.all([a.bot.start(), b.bot.start()]);
  }, 90_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  const allRows = async () => [...(await a.rows()), ...(await b.rows())];

  /**
   * What a failure message needs: each bot's unfinished jobs, the warnings at the end of its log (message and
   * error only: Bottleneck's errors carry its whole Lua script) and the limiter's keys in Redis.
   */
  const stuck = async () => {
    const parts = await Promise.all(
      [a, b].map(async (rig, i) => {
        const open = (await rig.rows()).filter((r) => r.status !== 'done');
        const warnings = rig.bot
          .logs()
          .filter((line) => (line.level ?? 0) >= 40 || line.component === 'scheduler')
          .slice(-20)
          .map(({ time, msg, err, stateLost, running, rescheduled, jobId, check }) => {
            const error = (err as { message?: string } | undefined)?.message?.slice(0, 120);
            const fields = { stateLost, running, rescheduled, jobId, check, err: error };
            return `  ${time} ${msg} ${JSON.stringify(fields)}`;
          });
        const statuses = open.map((r) => `${r.extra}:${r.status}`).join(' ');
        // Whether the process still runs and answers, and anything it printed that is not a log line.
        const ready = await withDeadline(rig.bot.opsGet('/readyz'), 2_000, 'no answer within 2 s').then(
          (answer) => `${answer.status} ${JSON.stringify(answer.body)}`,
          (error: unknown) => String(error),
        );
        const log = await readFile(join(rig.dir, 'bot.log'), 'utf8').catch(() => '');
        const printed = log
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('{') && !line.startsWith('---'))
          .slice(-10);
        return [
          `bot ${'ab'[i]}: ${open.length} unfinished (${statuses}); running ${rig.bot.running}; /readyz ${ready}`,
          ...warnings,
          ...printed.map((line) => `  | ${line.slice(0, 300)}`),
        ].join('\n');
      }),
    );
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const keys = await client
      .connect()
      .then(async () => {
        const lines: string[] = [];
        for (const key of (await client.keys('b_*')).sort()) {
          const type = await client.type(key);
          const value =
            type === 'hash'
              ? await client.hgetall(key)
              : type === 'zset'
                ? await client.zrange(key, '0', '-1', 'WITHSCORES')
                : type;
          lines.push(`  ${key} ${JSON.stringify(value)}`);
        }
        return lines.join('\n');
      })
      .catch((error: unknown) => `  (Redis: ${String(error)})`)
      .finally(() => client.disconnect());
    return `\n${parts.join('\n')}\nlimiter keys in Redis:\n${keys}`;
  };

  it('never have more than PROVIDER_CONCURRENCY jobs in progress at fal together', async () => {
    await Promise.all([a.generateMany(PER_BOT, (i) => `a-${i}`), b.generateMany(PER_BOT, (i) => `b-${i}`)]);
    const rows = await a.until(async () => {
      const all = await allRows();
      return all.length === 2 * PER_BOT && all.every((r) => r.status === 'done') ? all : undefined;
    }, 45_000);
    const fal = a.fal.stats();
    console.info(
      `shared limit ${LIMIT}: fal saw peak ${fal.peakInProgress} in progress over ${fal.submits} jobs`,
    );
    expect(fal.peakInProgress).toBeLessThanOrEqual(LIMIT);
    // Both bots were busy at once and the limit was reached (so it is what held them back).
    expect(fal.peakInProgress).toBe(LIMIT);
    expect(rows.filter((r) => r.extra.startsWith('a-'))).toHaveLength(PER_BOT);
    expect(fal.submits).toBe(2 * PER_BOT);
  }, 60_000);

  it('when Redis goes away readiness fails, nothing is lost, and work resumes when it is back', async () => {
    const before = a.fal.stats();
    await Promise.all([a.generateMany(8, (i) => `outage-a-${i}`), b.generateMany(8, (i) => `outage-b-${i}`)]);
    await a.until(() => a.fal.stats().submits > before.submits);
    await redis.stop();

    for (const rig of [a, b]) {
      const ready = await rig.until(async () => {
        const answer = await rig.bot.opsGet('/readyz');
        return answer.status === 503 ? (answer.body as Readiness) : undefined;
      }, 10_000);
      expect(ready.status).toBe('not ready');
      expect(ready.checks.find((c) => c.name === 'scheduler')).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Redis/),
      });
      expect((await rig.bot.get('/healthz')).status).toBe(200);
    }
    // While Redis is away no new job starts (the shared limit cannot be checked) and none fails.
    const submitsDuringOutage = a.fal.stats().submits;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(a.fal.stats().submits).toBe(submitsDuringOutage);
    const waiting = await allRows();
    expect(waiting.filter((r) => r.status === 'failed')).toEqual([]);
    expect(waiting.filter((r) => r.status !== 'done').length).toBeGreaterThan(0);

    await redis.restart();
    const rows = await a.until(
      async () => {
        const all = await allRows();
        return all.every((r) => r.status === 'done') ? all : undefined;
      },
      45_000,
      stuck,
    );
    for (const rig of [a, b])
      await rig.until(async () => (await rig.bot.opsGet('/readyz')).status === 200, 15_000);
    const fal = a.fal.stats();
    expect(rows).toHaveLength(2 * PER_BOT + 16);
    expect(fal.submits).toBe(rows.length);
    expect(Object.values(fal.submitsByPrompt).every((n) => n === 1)).toBe(true);
    const stalls = [a, b].map((rig) =>
      rig.bot
        .logs()
        .filter((line) => line.msg?.includes('starts none although Redis answers'))
        .map((line) => line.check),
    );
    // A limiter left stalled by the restart is rebuilt by the scheduler's watch: say so when it happened.
    console.info(
      `after the Redis outage: fal peak ${fal.peakInProgress}; stalled limiters rebuilt: a ${JSON.stringify(stalls[0])}, b ${JSON.stringify(stalls[1])}`,
    );
    expect(fal.peakInProgress).toBeLessThanOrEqual(LIMIT);
  }, 90_000);
});
