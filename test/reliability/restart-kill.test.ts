import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from './rig.js';

const JOBS = 50;
const tagOf = (i: number) => `kill-${String(i).padStart(2, '0')}`;

describe('restarts lose nothing: SIGKILL with 50 jobs in every state', () => {
  let rig: Rig;

  beforeAll(async () => {
    // Our limiter lets 8 jobs reach fal, fal runs 4: the other 4 wait in fal's queue. Result downloads are
    // slowed so jobs sit in 'storing' long enough to be caught there.
    rig = await startRig({
      platforms: ['slack', 'discord'],
      fal: { latencyMs: 1_500, latencySpreadMs: 500, concurrency: 4 },
      env: { PROVIDER_CONCURRENCY: '8' },
      // 50 jobs at once, half through Slack: this is about a kill and a restart, not Slack's pace of about one
      // post a second per channel (test/e2e/slack runs with Slack's rate limits on).
      slackKnobs: { rateLimits: false },
    });
    rig.gate.setMediaDelay(3_000);
    await rig.bot.start();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('every job finishes once, in its own message, with one submit and one stored image each', async () => {
    await rig.generateMany(JOBS, tagOf);
    // Every command has its job and its chat message recorded before the crash.
    await rig.until(async () => {
      const rows = await rig.rows();
      return rows.length === JOBS && rows.every((r) => r.messageId !== null);
    });

    // Wait for a moment where jobs are in every state, then stop new submits from leaving and let the
    // ones fal accepted be recorded, so the crash does not land between fal's accept and our write
    // (that window is tested on its own).
    await rig.until(async () => {
      const c = await rig.statusCounts();
      return (
        (c.queued ?? 0) > 0 &&
        (c.submitted ?? 0) > 0 &&
        (c.generating ?? 0) > 0 &&
        (c.storing ?? 0) > 2 &&
        (c.done ?? 0) > 0 &&
        rig.fal.stats().inQueue > 1
      );
    }, 25_000);
    rig.gate.setSubmitMode('hold');
    await rig.until(async () => {
      const recorded = (await rig.rows()).filter((r) => r.requestId !== null).length;
      return recorded === rig.fal.stats().accepted;
    });
    const atKill = await rig.statusCounts();
    const falAtKill = rig.fal.stats();
    const crash = await rig.bot.kill();
    expect(crash.signal).toBe('SIGKILL');
    rig.gate.setSubmitMode('pass');
    console.info(
      `state mix at SIGKILL: ${JSON.stringify(atKill)}; fal in queue ${falAtKill.inQueue}, in progress ${falAtKill.inProgress}`,
    );
    expect(atKill.queued).toBeGreaterThan(0);
    expect(atKill.submitted).toBeGreaterThan(0);
    expect(atKill.generating).toBeGreaterThan(0);
    expect(atKill.storing).toBeGreaterThan(0);
    expect(falAtKill.inQueue).toBeGreaterThan(0);
    const unfinished = JOBS - (atKill.done ?? 0);

    await rig.bot.start();
    await rig.bot.waitForLog((l) => l.msg === 'resumed unfinished jobs' && l.count === unfinished);
    const rows = await rig.until(async () => {
      const all = await rig.rows();
      return all.every((r) => r.status === 'done') ? all : undefined;
    }, 40_000);

    // fal: exactly one submit per job, none lost, none repeated.
    const fal = rig.fal.stats();
    expect(fal.submits).toBe(JOBS);
    expect(Object.values(fal.submitsByPrompt)).toHaveLength(JOBS);
    expect(Object.values(fal.submitsByPrompt).every((n) => n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.extra))).toEqual(
      new Set(Array.from({ length: JOBS }, (_, i) => tagOf(i))),
    );
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(JOBS);

    // Chat: each job's one message ends final, showing our stored image; no second message was posted.
    const recordsDoneAt = Date.now();
    await rig.until(
      () => rows.every((r) => rig.messageOf(r).final),
      15_000,
      () =>
        rows
          .filter((r) => !rig.messageOf(r).final)
          .map((r) => `${r.platform} ${r.extra} (${r.messageId}): ${rig.messageOf(r).text.slice(0, 160)}`)
          .join('; '),
    );
    console.info(`messages final ${Date.now() - recordsDoneAt} ms after the last record`);
    for (const row of rows) {
      const shown = rig.messageOf(row);
      expect(shown.text).toMatch(/✅/);
      expect(shown.image).toBe(row.imageUrl);
    }
    expect(rig.botMessageCount()).toBe(JOBS);

    // Storage: exactly one image and one thumbnail per job, named by the job.
    const objects = (await rig.mediaObjects()).sort();
    const expected = rows.flatMap((r) => [r.imageKey, r.thumbKey]).sort();
    expect(objects).toEqual(expected);
    expect(objects).toHaveLength(2 * JOBS);
    const temp = await rig.mediaTempFiles();
    if (temp.length > 0) console.info(`temp files left by writes cut short: ${temp.length}`);
  }, 90_000);
});
