import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from './rig.js';

/**
 * The one crash a restart cannot fully undo: fal accepted a submit but the process died before the request
 * id was written. fal's queue API has no idempotency key and no way to find a request again by its input,
 * so the restarted bot must submit again. What it must still guarantee: the job finishes once (one
 * message, one stored image), the repeat is bounded to that one job, and it is reported, not silent.
 */
describe('a crash between fal accepting a submit and the request id being recorded', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({
      platforms: ['slack'],
      fal: { latencyMs: 300, latencySpreadMs: 0, concurrency: 4 },
    });
    await rig.bot.start();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('submits that job once more after the restart, finishes it once and logs the possible duplicate', async () => {
    await rig.generate(0, 'window-safe');
    await rig.until(async () => (await rig.rows())[0]?.status === 'done');

    // fal accepts the next submit; its answer never reaches the bot.
    rig.gate.setSubmitMode('swallow');
    await rig.generate(1, 'window-lost');
    await rig.until(async () => {
      const row = (await rig.rows()).find((r) => r.extra === 'window-lost');
      return rig.gate.held().answers === 1 && row?.messageId;
    });
    const [lost] = (await rig.rows()).filter((r) => r.extra === 'window-lost');
    expect(lost).toMatchObject({ status: 'queued', requestId: null });
    await rig.bot.kill();
    rig.gate.setSubmitMode('pass');

    await rig.bot.start();
    const warning = await rig.bot.waitForLog((l) => l.msg?.includes('may already have') === true, 15_000);
    expect(warning).toMatchObject({ jobId: lost?.id });
    const rows = await rig.until(async () => {
      const all = await rig.rows();
      return all.every((r) => r.status === 'done') ? all : undefined;
    }, 20_000);
    await rig.until(() => rows.every((r) => rig.messageOf(r).final), 10_000);
    expect(rig.botMessageCount()).toBe(2);
    expect(await rig.mediaObjects()).toHaveLength(4);
    // The safe job was never repeated; the lost one was submitted exactly twice (fal ran both).
    const counts = Object.entries(rig.fal.stats().submitsByPrompt);
    expect(counts.find(([prompt]) => prompt.includes('window-safe'))?.[1]).toBe(1);
    expect(counts.find(([prompt]) => prompt.includes('window-lost'))?.[1]).toBe(2);
  }, 60_000);
});
