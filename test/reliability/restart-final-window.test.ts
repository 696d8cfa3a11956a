import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from './rig.js';

/** A job's final edit: Slack's chat.update or Discord's webhook edit carrying the ✅ card. */
const finalEdit = (method: string, path: string, body: string) =>
  body.includes('✅') &&
  (path.endsWith('/chat.update') ||
    (method === 'PATCH' && /\/webhooks\/[^/]+\/[^/]+\/messages\//.test(path)));

const REPLAY_LOG = 'showing finished jobs again in their messages';

/**
 * A crash after a job's outcome was recorded but before its message was edited to show it: the record
 * says done, so there is nothing to resume, yet the message still shows an earlier state. The restarted
 * bot must edit it to the outcome, once, and a later restart must leave it alone.
 */
describe('a crash between recording a result and showing it', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({
      platforms: ['slack', 'discord'],
      chatGates: true,
      fal: { latencyMs: 500, latencySpreadMs: 0, concurrency: 4 },
    });
    await rig.bot.start();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('the restarted bot shows each recorded result in its message', async () => {
    rig.slackGate!.hold(finalEdit);
    rig.discordGate!.hold(finalEdit);
    await rig.generate(0, 'final-slack');
    await rig.generate(1, 'final-discord');
    const before = await rig.until(async () => {
      const all = await rig.rows();
      const held = rig.slackGate!.held() >= 1 && rig.discordGate!.held() >= 1;
      return held && all.length === 2 && all.every((r) => r.status === 'done') ? all : undefined;
    });
    // Recorded as done, yet neither message shows it: the edits never reached the platforms.
    for (const row of before) expect(rig.messageOf(row).final, row.platform).toBe(false);
    await rig.bot.kill();
    rig.slackGate!.hold(undefined);
    rig.discordGate!.hold(undefined);

    await rig.bot.start();
    await rig.bot.waitForLog((l) => l.msg === REPLAY_LOG && l.count === 2);
    await rig.until(
      () => before.every((r) => rig.messageOf(r).final),
      10_000,
      () => before.map((r) => `${r.platform}: ${rig.messageOf(r).text.slice(0, 120)}`).join('; '),
    );
    for (const row of before) {
      expect(rig.messageOf(row).text).toMatch(/✅/);
      expect(rig.messageOf(row).image).toBe(row.imageUrl);
    }
    // Shown in the messages posted before the crash; fal made each image once.
    expect(rig.botMessageCount()).toBe(2);
    expect(rig.fal.stats().submits).toBe(2);

    // Once shown, a result is not shown again: a graceful restart replays nothing.
    const replays = () => rig.bot.logs().filter((l) => l.msg === REPLAY_LOG).length;
    expect(replays()).toBe(1);
    const starts = () => rig.bot.logs().filter((l) => l.msg === 'bot started').length;
    expect(starts()).toBe(2);
    await rig.bot.signal('SIGTERM');
    await rig.bot.start();
    await rig.until(() => starts() === 3);
    expect(replays()).toBe(1);
  }, 60_000);
});
