import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

describe('Slack moderation end to end (real Bolt, emulated Slack and fal)', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    // Even where the operator allows NSFW channels, Slack has no such channels: flagged images never post.
    f = await startSlackBotFixture({
      env: { NSFW_POLICY: 'nsfw-channels', MODERATION_BLOCKLIST: 'casino' },
      falKnobs: { nsfwRate: 1 },
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('withholds an image the provider flags and audits it', async () => {
    const before = new Set(f.botMessages().map((m) => m.ts));
    await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: ALL_DIMENSIONS });
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    const final = await f.finalMessage(ART, message.ts);
    expect(JSON.stringify(final.blocks)).toContain('🚫');
    expect(((final.blocks ?? []) as { type?: string }[]).some((b) => b.type === 'image')).toBe(false);
    const job = await f.jobOf(final);
    expect(job).toMatchObject({ status: 'blocked', nsfwAllowed: false, imageKey: null });
    const audited = await f.bot.core.audit.query({ action: 'moderation', limit: 10 });
    expect(audited.filter((e) => e.targetId === job?.id).map((e) => e.details.decision)).toEqual([
      'image_withheld',
    ]);
  });

  it('refuses blocklisted text privately, naming the word, and records no job', async () => {
    const jobs = await f.countJobs();
    const seen = new Set(f.slack.ephemerals(MAYA).map((e) => e.ts));
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: `${ALL_DIMENSIONS} a casino at night`,
    });
    const note = await f.until(() => f.slack.ephemerals(MAYA).find((e) => !seen.has(e.ts)));
    expect(note.text).toContain('Your text contains "casino", which this server does not allow.');
    expect(await f.countJobs()).toBe(jobs);
  });
});
