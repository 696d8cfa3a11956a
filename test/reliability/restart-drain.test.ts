import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, type Rig, SLACK_CHANNEL, startRig } from './rig.js';

const JOBS = 20;
const tagOf = (i: number) => `drain-${String(i).padStart(2, '0')}`;
const RESTARTING = 'Atelier is restarting. Please try again in a minute.';

describe('SIGTERM drains gracefully and a restart finishes what was parked', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({
      platforms: ['slack', 'discord'],
      fal: { latencyMs: 1_000, latencySpreadMs: 300, concurrency: 4 },
      env: { PROVIDER_CONCURRENCY: '8' },
      // 20 jobs at once: this is about the drain on shutdown, not Slack's pace of about one post a second per
      // channel (test/e2e/slack runs with Slack's rate limits on).
      slackKnobs: { rateLimits: false },
    });
    // Storing takes a while, so the drain is still going when the late command arrives.
    rig.gate.setMediaDelay(2_000);
    await rig.bot.start();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('stops taking work, finishes the jobs it started, parks the rest, exits 0 in time', async () => {
    await rig.generateMany(JOBS, tagOf);
    await rig.until(async () => {
      const rows = await rig.rows();
      const c = await rig.statusCounts();
      return (
        rows.length === JOBS &&
        rows.every((r) => r.messageId !== null) &&
        (c.storing ?? 0) > 0 &&
        (c.queued ?? 0) > 0 &&
        (c.submitted ?? 0) + (c.generating ?? 0) > 0
      );
    }, 25_000);
    const before = await rig.rows();
    const started = new Set(before.filter((r) => r.requestId !== null).map((r) => r.id));

    const exit = rig.bot.signal('SIGTERM', 45_000);
    await rig.bot.waitForLog((l) => l.msg === 'shutting down', 5_000);
    // A command during the drain gets a clear answer, and starts nothing.
    const late = await rig.slack!.slashCommand({
      userId: 'U0MAYA0001',
      channelId: SLACK_CHANNEL,
      command: '/generate',
      text: `${Object.entries(OPTIONS)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ')} prompt:too-late`,
    });
    expect(late.acked).toBe(true);
    const discord = rig.discord!;
    const lateDiscord = discord.slashCommand({
      name: 'generate',
      options: { ...OPTIONS, prompt: 'too-late' },
      userId: discord.users[0]?.id,
      channelId: discord.channelId('art'),
    });
    await rig.until(() => rig.slack!.ephemerals('U0MAYA0001').find((e) => e.text === RESTARTING), 5_000);
    await rig.until(
      () =>
        discord.interaction(lateDiscord.interactionId)?.state === 'acknowledged' &&
        discord
          .messages(discord.channelId('art'), { includeEphemeral: true })
          .find((m) => m.content === RESTARTING),
      5_000,
    );

    const { code, ms } = await exit;
    console.info(`SIGTERM drain: exit ${code} after ${ms} ms; ${started.size} jobs had reached fal`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(30_000);

    // Jobs already at fal were finished, and their messages show it; the rest are parked, untouched.
    const after = await rig.rows();
    expect(after).toHaveLength(JOBS);
    for (const row of after) {
      if (started.has(row.id)) {
        expect(row.status).toBe('done');
        expect(rig.messageOf(row).final).toBe(true);
      } else expect(row).toMatchObject({ status: expect.stringMatching(/^(queued|done)$/) });
    }
    const parked = after.filter((r) => r.status === 'queued');
    expect(parked.length).toBeGreaterThan(0);
    expect(parked.every((r) => r.requestId === null)).toBe(true);
    const submitsAtStop = rig.fal.stats().submits;
    expect(submitsAtStop).toBe(JOBS - parked.length);

    await rig.bot.start();
    const rows = await rig.until(async () => {
      const all = await rig.rows();
      return all.every((r) => r.status === 'done') ? all : undefined;
    }, 40_000);
    await rig.until(() => rows.every((r) => rig.messageOf(r).final), 15_000);
    for (const row of rows) expect(rig.messageOf(row).image).toBe(row.imageUrl);
    expect(rig.botMessageCount()).toBe(JOBS);
    const fal = rig.fal.stats();
    expect(fal.submits).toBe(JOBS);
    expect(Object.values(fal.submitsByPrompt).every((n) => n === 1)).toBe(true);
    expect(await rig.mediaObjects()).toHaveLength(2 * JOBS);
  }, 90_000);
});
