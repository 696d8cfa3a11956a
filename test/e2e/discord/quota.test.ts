import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextHourReset } from '../../helpers/clock-windows.js';
import { type DiscordBotFixture, startDiscordBotFixture } from '../../helpers/discord-bot-fixture.js';
import { ALL_DIMENSIONS } from '../../helpers/options.js';

const ALL = ALL_DIMENSIONS;

describe('Discord /quota and quota refusals end to end (real discord.js, emulated Discord and fal)', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture({ env: { QUOTA_USER_HOURLY: '2' }, clearOfBoundaries: true });
  });
  afterAll(async () => {
    await f?.close();
  });

  const privateNote = (interactionId: string) =>
    f.discord.waitForMessage(
      (m) => ((m.flags ?? 0) & 64) !== 0 && m.interaction_metadata?.id === interactionId,
    );

  it('shows what is left privately, refuses past the limit with the reset time, and counts it in /metrics', async () => {
    const first = await f.slash('generate', ALL);
    await f.finalMessage((await f.reply(first.interactionId)).id);

    const quota = await f.slash('quota');
    const shown = await f.reply(quota.interactionId);
    expect((shown.flags ?? 0) & 64).toBe(64);
    expect(shown.content).toBe(
      `Your image allowance:\nThis hour: 1 of 2 images left (resets ${nextHourReset(f.now())})\nIn progress: 0 (at most 20 at once)`,
    );

    const second = await f.slash('generate', ALL);
    await f.finalMessage((await f.reply(second.interactionId)).id);
    const before = f.discord.messages(f.art).length;
    const third = await f.slash('generate', ALL);
    const refused = await privateNote(third.interactionId);
    expect(refused.content).toContain(
      `You have used 2 of 2 images this hour; more at ${nextHourReset(f.now())}.`,
    );
    await f.until(() => f.discord.messages(f.art).length === before);

    const metrics = await (await fetch(`http://127.0.0.1:${f.bot.opsPort}/metrics`)).text();
    expect(metrics).toMatch(/^atelier_refusals_total\{reason="user_hourly",platform="discord"\} 1$/m);
  });
});
