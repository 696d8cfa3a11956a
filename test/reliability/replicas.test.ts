import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunRedisTests, type RedisServer, startRedis } from '../helpers/redis.js';
import { type Rig, startRig } from './rig.js';

const JOBS = 12;

/**
 * Replicas: two bot processes on one database (and one Redis, one Slack workspace, one fal). Each job is
 * run by exactly one of them: a bot starting up resumes only jobs nobody else is running, and a bot that
 * stops hands its parked jobs to the one still running.
 */
describe.skipIf(!canRunRedisTests())('two bot processes sharing one database', () => {
  let redis: RedisServer;
  let a: Rig;
  let b: Rig;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, PROVIDER_CONCURRENCY: '2' };
    a = await startRig({
      platforms: ['slack'],
      fal: { latencyMs: 800, latencySpreadMs: 0, concurrency: 10 },
      env,
      // 12 jobs at once into one channel, twice: this is about replicas sharing work, not Slack's pace of
      // about one post a second per channel (test/e2e/slack runs with Slack's rate limits on).
      slackKnobs: { rateLimits: false },
    });
    await a.bot.start();
    b = await startRig({ platforms: ['slack'], shareFal: a, shareSlack: a.slack!, shareData: a, env });
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  const settled = async (rig: Rig, count: number) => {
    const rows = await rig.until(async () => {
      const all = await rig.rows();
      return all.length === count && all.every((r) => r.status === 'done') ? all : undefined;
    }, 40_000);
    await rig.until(() => rows.every((r) => rig.messageOf(r).final), 10_000);
    return rows;
  };

  it('a second bot starting up does not take over the jobs the first one is running', async () => {
    // The first two jobs reach fal; then submits wait at the gate until the second bot is up, so every
    // job is still unfinished (some at fal, most waiting) when it starts.
    await a.generateMany(JOBS, (i) => `first-${i}`);
    await a.until(async () => (await a.rows()).filter((r) => r.requestId).length === 2);
    a.gate.setSubmitMode('hold');
    await b.bot.start();
    expect((await a.rows()).filter((r) => r.status !== 'done').length).toBeGreaterThanOrEqual(JOBS - 2);
    a.gate.setSubmitMode('pass');
    const rows = await settled(a, JOBS);
    const fal = a.fal.stats();
    expect(fal.submits).toBe(JOBS);
    expect(Object.values(fal.submitsByPrompt).every((n) => n === 1)).toBe(true);
    expect(a.botMessageCount()).toBe(JOBS);
    expect(await a.mediaObjects()).toHaveLength(2 * JOBS);
    expect(rows.every((r) => rows.filter((o) => o.requestId === r.requestId).length === 1)).toBe(true);
  }, 60_000);

  it('a bot that stops hands its parked jobs to the other, which finishes them in their messages', async () => {
    const before = a.fal.stats().submits;
    await a.generateMany(JOBS, (i) => `handover-${i}`);
    await a.until(async () => {
      const rows = await a.rows();
      return rows.every((r) => r.messageId) && rows.filter((r) => r.status === 'queued').length >= 4;
    });
    const { code } = await a.bot.signal('SIGTERM');
    expect(code).toBe(0);
    expect((await a.statusCounts()).queued).toBeGreaterThan(0);
    await settled(a, 2 * JOBS);
    const fal = a.fal.stats();
    expect(fal.submits - before).toBe(JOBS);
    expect(Object.values(fal.submitsByPrompt).every((n) => n === 1)).toBe(true);
    expect(a.botMessageCount()).toBe(2 * JOBS);
    expect(b.bot.logs().some((l) => l.msg === 'took over unfinished jobs')).toBe(true);
  }, 60_000);
});
