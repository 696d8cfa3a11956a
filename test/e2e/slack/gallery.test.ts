import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EphemeralMessage } from '../../../sandbox/slack/index.js';
import {
  ART,
  MAYA,
  RAVI,
  type SlackBotFixture,
  startSlackBotFixture,
} from '../../helpers/slack-bot-fixture.js';

const STYLES = ['watercolor', 'comic-book', 'watercolor', 'pixel-art', 'low-poly', 'anime-cel', 'watercolor'];
const command = (style: string) =>
  `style:${style} pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero`;

type Node = Record<string, unknown>;
const json = (e: EphemeralMessage) => JSON.stringify(e.blocks ?? []);
const thumbnails = (e: EphemeralMessage) => ((e.blocks ?? []) as Node[]).filter((b) => b.accessory).length;

describe('Slack /gallery, /styles and /sequence', () => {
  let f: SlackBotFixture;
  /** The newest ephemeral a user can still see. */
  const visible = (user: string) =>
    f.slack
      .ephemerals(user)
      .filter((e) => !e.replacedAt && !e.deletedAt)
      .at(-1);
  /** Runs `act` and waits for the ephemeral it produces (a new one, or one replacing another). */
  const nextEphemeral = async (user: string, act: () => Promise<unknown>) => {
    const seen = new Set(f.slack.ephemerals(user).map((e) => e.ts));
    await act();
    return f.until(() => f.slack.ephemerals(user).find((e) => !seen.has(e.ts)));
  };

  beforeAll(async () => {
    f = await startSlackBotFixture();
    await Promise.all(
      STYLES.map((s) =>
        f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: command(s) }),
      ),
    );
    const messages = await f.until(() =>
      f.botMessages().length === STYLES.length ? f.botMessages() : undefined,
    );
    for (const m of messages) await f.finalMessage(ART, m.ts);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('lists the requester’s images privately, five per page, with thumbnails and paging buttons', async () => {
    const result = await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/gallery' });
    expect(result.acked).toBe(true);
    const page1 = await f.until(() => visible(MAYA));
    expect(json(page1)).toContain('page 1/2');
    expect(thumbnails(page1)).toBe(5);
    expect(json(page1)).toContain('slack_file');
    await f.slack.blockAction({
      userId: MAYA,
      channelId: ART,
      messageTs: page1.ts,
      actionId: 'gallery:page:next',
    });
    const page2 = await f.until(() => (visible(MAYA)?.ts !== page1.ts ? visible(MAYA) : undefined));
    expect(json(page2)).toContain('page 2/2');
    expect(thumbnails(page2)).toBe(2);
    expect(json(page2)).toContain('gallery:page:prev');
    expect(json(page2)).not.toContain('gallery:page:next');
    expect(f.slack.messages(ART).some((m) => JSON.stringify(m.blocks).includes('page 1/2'))).toBe(false);
  });

  it('filters by a dimension from its menu', async () => {
    const shown = await nextEphemeral(MAYA, () =>
      f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/gallery' }),
    );
    const filtered = await nextEphemeral(MAYA, () =>
      f.slack.blockAction({
        userId: MAYA,
        channelId: ART,
        messageTs: shown.ts,
        actionId: 'gallery:filter:style',
        selectedOption: 'watercolor',
      }),
    );
    expect(thumbnails(filtered)).toBe(3);
    expect(json(filtered)).toContain('3 in all');
    const items = ((filtered.blocks ?? []) as Node[]).filter((b) => b.accessory);
    for (const item of items) expect(JSON.stringify(item.text)).toContain('Watercolor Storybook');
  });

  it('shows a friendly empty state, and another user’s gallery when asked for', async () => {
    await f.slack.slashCommand({ userId: RAVI, channelId: ART, command: '/gallery' });
    expect(json(await f.until(() => visible(RAVI)))).toContain('No images yet');
    const before = visible(RAVI)!.ts;
    await f.slack.slashCommand({
      userId: RAVI,
      channelId: ART,
      command: '/gallery',
      text: `<@${MAYA}|maya> style:comic-book`,
    });
    const theirs = await f.until(() => (visible(RAVI)?.ts !== before ? visible(RAVI) : undefined));
    expect(thumbnails(theirs)).toBe(1);
    expect(json(theirs)).toContain(`Images by <@${MAYA}>`);
  });

  it('browses styles with a menu (no examples yet: says how to make them)', async () => {
    await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/styles' });
    const shown = await f.until(() =>
      json(visible(MAYA)!).includes('styles:pick') ? visible(MAYA) : undefined,
    );
    expect(json(shown)).toContain('No example image yet');
    await f.slack.blockAction({
      userId: MAYA,
      channelId: ART,
      messageTs: shown.ts,
      actionId: 'styles:pick',
      selectedOption: 'pixel-art',
    });
    const picked = await f.until(() => (visible(MAYA)?.ts !== shown.ts ? visible(MAYA) : undefined));
    expect(json(picked)).toContain('Generate with Pixel Art');
    await f.slack.blockAction({
      userId: MAYA,
      channelId: ART,
      messageTs: picked.ts,
      actionId: 'styles:generate',
    });
    const modal = await f.until(() => f.slack.openViews(MAYA)[0]);
    expect(JSON.stringify(modal.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Pixel Art"',
    );
  });

  it('posts the onboarding sequence as a thread: one live message per frame', {
    timeout: 90_000,
  }, async () => {
    const before = new Set(f.botMessages().map((m) => m.ts));
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/sequence',
      text: 'style:watercolor',
    });
    const parent = await f.until(() =>
      f.botMessages().find((m) => !before.has(m.ts) && (!m.thread_ts || m.thread_ts === m.ts)),
    );
    expect(parent.text).toContain('onboarding sequence');
    // Slack takes about one post a second per channel (rate limits on, as in Slack): nine posts in #art,
    // after the seven above, take several seconds. Every frame must land in the thread meanwhile.
    const frames = await f.until(() => {
      const replies = f.botMessages().filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
      return replies.length === 8 ? replies : undefined;
    }, 30_000);
    expect(f.botMessages().filter((m) => !before.has(m.ts) && !m.thread_ts)).toEqual([]);
    const jobs = [];
    for (const frame of frames) jobs.push(await f.jobOf(await f.finalMessage(ART, frame.ts, 30_000)));
    expect(new Set(jobs.map((j) => j?.options.frame)).size).toBe(8);
    expect(new Set(jobs.map((j) => j?.sequenceId)).size).toBe(1);
    expect(jobs.every((j) => j?.status === 'done' && j.options.style === 'watercolor')).toBe(true);
  });
});
