import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from './rig.js';

/**
 * A crash after a job's chat message went out but before the bot recorded which message it is: the
 * restarted bot must finish the job in that message, not leave it stuck and post a second one.
 */
describe('a crash between posting a job message and recording it', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({
      platforms: ['slack', 'discord'],
      chatGates: true,
      fal: { latencyMs: 2_000, latencySpreadMs: 0, concurrency: 4 },
    });
    await rig.bot.start();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('the restarted bot finishes each job in the message it had already posted', async () => {
    // The posts (Slack) and first edits of the deferred reply (Discord) take effect; their answers are lost.
    rig.slackGate!.swallow((_method, path) => path.endsWith('/chat.postMessage'));
    rig.discordGate!.swallow(
      (method, path) => method === 'PATCH' && /\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(path),
    );
    await rig.generate(0, 'lost-slack-answer');
    await rig.generate(1, 'lost-discord-answer');
    await rig.until(() => rig.slackGate!.swallowed() === 1 && rig.discordGate!.swallowed() === 1);
    const before = await rig.rows();
    expect(before.every((r) => r.status !== 'done')).toBe(true);
    // Slack learns a message's ts only from the answer; Discord's deferred reply id came with the deferral.
    expect(before.find((r) => r.platform === 'slack')?.messageId).toBeNull();
    expect(rig.botMessageCount()).toBe(2);
    await rig.bot.kill();
    rig.slackGate!.swallow(undefined);
    rig.discordGate!.swallow(undefined);

    await rig.bot.start();
    const rows = await rig.until(async () => {
      const all = await rig.rows();
      return all.every((r) => r.status === 'done' && r.messageId) ? all : undefined;
    }, 30_000);
    await rig.until(() => rows.every((r) => rig.messageOf(r).final), 10_000);
    for (const row of rows) expect(rig.messageOf(row).image).toBe(row.imageUrl);
    // The messages posted before the crash are the ones that show the results: nothing else was posted.
    expect(rig.botMessageCount()).toBe(2);
  }, 60_000);
});
