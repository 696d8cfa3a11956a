import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

describe('Slack /quota end to end (real Bolt, emulated Slack and fal)', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    // Daily windows: the bot's clock starts well clear of midnight UTC so the count cannot reset mid-test.
    f = await startSlackBotFixture({
      env: { QUOTA_USER_DAILY: '1', BUDGET_WORKSPACE_MONTHLY_USD: '25' },
      clearOfBoundaries: true,
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  const nextEphemeral = async (act: () => Promise<unknown>) => {
    const seen = new Set(f.slack.ephemerals(MAYA).map((e) => e.ts));
    await act();
    return f.until(() => f.slack.ephemerals(MAYA).find((e) => !seen.has(e.ts)));
  };

  it('shows the day quota and the workspace budget privately, then refuses the next image', async () => {
    const before = new Set(f.botMessages().map((m) => m.ts));
    await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: ALL_DIMENSIONS });
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    const job = await f.jobOf(await f.finalMessage(ART, message.ts));
    expect(job?.costMicros).toBeGreaterThan(0);

    const quota = await nextEphemeral(() =>
      f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/quota' }),
    );
    const left = ((25_000_000 - job!.costMicros) / 1_000_000).toFixed(2);
    expect(quota.text).toMatch(
      /^Your image allowance:\nToday: 0 of 1 images left \(resets 00:00 UTC on \d{4}-\d\d-\d\d\)\n/,
    );
    expect(quota.text).toMatch(
      new RegExp(`Workspace budget this month: \\$${left.replace('.', '\\.')} of \\$25\\.00 left`),
    );

    const refused = await nextEphemeral(() =>
      f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: ALL_DIMENSIONS }),
    );
    expect(refused.text).toMatch(/You have used 1 of 1 images today; more at 00:00 UTC on \d{4}-\d\d-\d\d\./);
    expect(await f.countJobs()).toBe(1);
  });
});
