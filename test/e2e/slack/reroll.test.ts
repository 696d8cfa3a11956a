import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ART,
  MAYA,
  RAVI,
  type SlackBotFixture,
  startSlackBotFixture,
} from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:claymation pose:waving outfit:explorer footwear:hiking-boots prop:lantern frame:hero';
const WINDOW = 11_000; // past the core's 10-s window in which repeated re-rolls fold into one

describe('Slack 🔁 re-rolls (reactions and buttons)', () => {
  let f: SlackBotFixture;
  let originalTs: string;
  let originalId: string;

  /** The bot's replies in the original's thread. */
  const threadReplies = () =>
    f.botMessages().filter((m) => m.thread_ts === originalTs && m.ts !== originalTs);

  /** Jobs in the thread re-rolled from `parentId`, with their message ts, oldest first. */
  const childrenOf = async (parentId: string) => {
    const out: Array<{ id: string; ts: string }> = [];
    for (const m of threadReplies()) {
      const job = await f.jobOf(m);
      if (job?.parentId === parentId) out.push({ id: job.id, ts: m.ts });
    }
    return out;
  };

  beforeAll(async () => {
    f = await startSlackBotFixture();
    await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: ALL_DIMENSIONS });
    const message = await f.until(() => f.botMessages()[0]);
    await f.finalMessage(ART, message.ts);
    originalTs = message.ts;
    originalId = (await f.jobOf(message))!.id;
  });
  afterAll(async () => {
    await f?.close();
  });

  it('ignores 🔁 by someone else, then re-rolls for the requester in the thread with its own live status', async () => {
    const byRavi = await f.slack.react({ userId: RAVI, channelId: ART, ts: originalTs, reaction: 'repeat' });
    expect(byRavi.acked).toBe(true);
    await f.slack.react({ userId: MAYA, channelId: ART, ts: originalTs, reaction: 'repeat' });
    const reply = await f.until(() => threadReplies()[0]);
    const final = await f.finalMessage(ART, reply.ts);
    const job = await f.jobOf(final);
    const original = await f.bot.core.service.get(originalId);
    expect(job).toMatchObject({
      status: 'done',
      parentId: originalId,
      userId: MAYA,
      options: original!.options,
    });
    expect(job!.seed).not.toBe(original!.seed);
    expect(JSON.stringify(final.blocks)).toContain('(re-roll)');
    expect(f.slack.callsTo('chat.update').some((c) => c.args.ts === reply.ts)).toBe(true);
    expect(threadReplies()).toHaveLength(1);
    expect(f.slack.ephemerals(RAVI)).toHaveLength(0);
  });

  it('handles an event re-delivered with X-Slack-Retry-Num once', async () => {
    f.advanceClock(WINDOW);
    const before = (await childrenOf(originalId)).length;
    const body = JSON.stringify({
      token: 'verification',
      team_id: f.slack.team.id,
      api_app_id: f.slack.bot.appId,
      type: 'event_callback',
      event_id: 'Ev0DUPLICATE1',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: f.slack.team.id, user_id: f.slack.bot.userId, is_bot: true }],
      event: {
        type: 'reaction_added',
        user: MAYA,
        reaction: 'repeat',
        item: { type: 'message', channel: ART, ts: originalTs },
        item_user: f.slack.bot.userId,
        event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    });
    const signed = () => f.slack.sign(body) as unknown as Record<string, string>;
    const first = await f.slack.deliverRaw({ body, headers: signed() });
    expect(first.status).toBe(200);
    const [reroll] = await f.until(async () => {
      const children = await childrenOf(originalId);
      return children.length === before + 1 ? children.slice(-1) : undefined;
    });
    await f.finalMessage(ART, reroll!.ts);
    // The same event again, after the core's own re-roll window: only the adapter's event_id dedupe stops it.
    f.advanceClock(WINDOW);
    const retry = await f.slack.deliverRaw({
      body,
      headers: { ...signed(), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    // A later, different event is handled to the end: by then the duplicate would have posted its job too.
    await f.slack.react({ userId: MAYA, channelId: ART, ts: reroll!.ts, reaction: 'repeat' });
    const sentinel = await f.until(async () => (await childrenOf(reroll!.id))[0]);
    await f.finalMessage(ART, sentinel.ts);
    expect(await childrenOf(originalId)).toHaveLength(before + 1);
  });

  it('handles the emulator’s own retry of a slowly acked event once', async () => {
    f.advanceClock(WINDOW);
    const before = threadReplies().length;
    await f.slack.unreact({ userId: MAYA, channelId: ART, ts: originalTs, reaction: 'repeat' });
    f.slack.setKnobs({ eventRetries: true, ackTimeoutMs: 1, maxRetries: 2, retryDelaysMs: [0, 0] });
    try {
      const result = await f.slack.react({
        userId: MAYA,
        channelId: ART,
        ts: originalTs,
        reaction: 'repeat',
      });
      expect(result.attempts.length).toBeGreaterThan(1);
      expect(result.attempts.map((a) => a.retryNum)).toContain(1);
    } finally {
      f.slack.setKnobs({ eventRetries: false, ackTimeoutMs: 3_000 });
    }
    await f.until(() => threadReplies().length === before + 1);
    await f.finalMessage(ART, threadReplies().at(-1)!.ts);
    expect(threadReplies()).toHaveLength(before + 1);
  });

  it('re-rolls from the card’s button for the requester and explains privately to anyone else', async () => {
    f.advanceClock(WINDOW);
    const before = threadReplies().length;
    await f.slack.blockAction({
      userId: RAVI,
      channelId: ART,
      messageTs: originalTs,
      actionId: 'job:reroll',
    });
    const refusal = await f.until(() => f.slack.ephemerals(RAVI)[0]);
    expect(refusal.text).toContain('Only the person who made this image can re-roll it');
    await f.slack.blockAction({
      userId: MAYA,
      channelId: ART,
      messageTs: originalTs,
      actionId: 'job:reroll',
    });
    const reply = await f.until(() => threadReplies()[before]);
    expect(await f.jobOf(await f.finalMessage(ART, reply.ts))).toMatchObject({
      parentId: originalId,
      status: 'done',
    });
    expect(threadReplies()).toHaveLength(before + 1);
  });

  it('re-rolls a re-roll into the same thread (Slack threads do not nest)', async () => {
    f.advanceClock(WINDOW);
    const before = threadReplies().length;
    const child = threadReplies()[0]!;
    await f.slack.react({ userId: MAYA, channelId: ART, ts: child.ts, reaction: 'repeat' });
    const reply = await f.until(() => threadReplies()[before]);
    expect(reply.thread_ts).toBe(originalTs);
    expect(await f.jobOf(await f.finalMessage(ART, reply.ts))).toMatchObject({
      parentId: (await f.jobOf(child))!.id,
    });
  });
});
