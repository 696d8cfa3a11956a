import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotFixture, startDiscordBotFixture } from '../../helpers/discord-bot-fixture.js';
import { ALL_DIMENSIONS } from '../../helpers/options.js';

const ALL = ALL_DIMENSIONS;
const HOUR = 3_600_000;
const nextHour = () => `${new Date(Math.ceil(Date.now() / HOUR) * HOUR).toISOString().slice(11, 16)} UTC`;

describe('Discord /quota and quota refusals end to end (real discord.js, emulated Discord and fal)', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    // Hourly windows: start well clear of an hour boundary so the count cannot reset mid-test.
    const toHour = HOUR - (Date.now() % HOUR);
    if (toHour < 20_000) await new Promise((r) => setTimeout(r, toHour + 100));
    f = await startDiscordBotFixture({ env: { QUOTA_USER_HOURLY: '2' } });
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
      `Your image allowance:\nThis hour: 1 of 2 images left (resets ${nextHour()})\nIn progress: 0 (at most 20 at once)`,
    );

    const second = await f.slash('generate', ALL);
    await f.finalMessage((await f.reply(second.interactionId)).id);
    const before = f.discord.messages(f.art).length;
    const third = await f.slash('generate', ALL);
    const refused = await privateNote(third.interactionId);
    expect(refused.content).toContain(`You have used 2 of 2 images this hour; more at ${nextHour()}.`);
    await f.until(() => f.discord.messages(f.art).length === before);

    const metrics = await (await fetch(`http://127.0.0.1:${f.bot.port}/metrics`)).text();
    expect(metrics).toMatch(/^atelier_refusals_total\{reason="user_hourly",platform="discord"\} 1$/m);
  });
});
