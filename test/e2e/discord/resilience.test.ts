import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';

const ALL = {
  style: 'low-poly',
  pose: 'walking',
  outfit: 'athletic',
  footwear: 'sneakers',
  prop: 'none',
  frame: 'hero',
};
const WEBHOOK_EDIT = 'PATCH /webhooks/:applicationId/:token/messages/:messageId';
const CHANNEL_EDIT = 'PATCH /channels/:channelId/messages/:messageId';

describe('Discord edits when Discord pushes back', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    // A job of about two seconds: several edits, spread over time.
    f = await startDiscordBotFixture({ falKnobs: { latencyMs: 1500 } });
  });
  afterAll(async () => {
    await f?.close();
  });
  beforeEach(() => {
    f.discord.setKnobs({ tokenTtlMs: 15 * 60_000, force429: [], fail5xx: [] });
  });

  it('goes on through the bot token once the interaction token has expired', async () => {
    f.discord.setKnobs({ tokenTtlMs: 800 });
    const after = f.discord.lastCallSeq();
    const { interactionId } = await f.slash('generate', { ...ALL, seed: 1 });
    const reply = await f.reply(interactionId);
    const final = await f.finalMessage(reply.id);
    expect(statusOf(final)).toMatch(/^✅ Done/);
    const webhook = f.discord.calls({ route: WEBHOOK_EDIT, after });
    const refused = webhook.filter((c) => c.status === 401);
    expect(refused.map((c) => c.errorCode)).toEqual([50027]);
    // Every later edit of the same message went through the bot token, the final one included.
    const channel = f.discord.calls({ route: CHANNEL_EDIT, after });
    expect(channel.length).toBeGreaterThanOrEqual(1);
    expect(channel.every((c) => c.path.endsWith(`/messages/${reply.id}`) && c.status === 200)).toBe(true);
    expect(channel[0]!.seq).toBeGreaterThan(refused[0]!.seq);
    expect(webhook.filter((c) => c.seq > refused[0]!.seq)).toEqual([]);
    await f.rerollReaction(reply.id);
  });

  it('waits out a 429 for its retry_after and still reaches the final state', async () => {
    const after = f.discord.lastCallSeq();
    f.discord.forceRateLimit(WEBHOOK_EDIT, { retryAfterMs: 600 });
    const { interactionId } = await f.slash('generate', { ...ALL, seed: 2 });
    const final = await f.finalMessage((await f.reply(interactionId)).id);
    expect(statusOf(final)).toMatch(/^✅ Done/);
    const edits = f.discord.calls({ route: WEBHOOK_EDIT, after });
    expect(edits[0]?.status).toBe(429);
    expect(edits[1]?.status).toBe(200);
    expect(edits[1]!.at - edits[0]!.at).toBeGreaterThanOrEqual(600);
  });

  it('retries an edit that got 5xx a bounded number of times', async () => {
    const after = f.discord.lastCallSeq();
    f.discord.failNext('edits', { count: 2, status: 502 });
    const { interactionId } = await f.slash('generate', { ...ALL, seed: 3 });
    const final = await f.finalMessage((await f.reply(interactionId)).id);
    expect(statusOf(final)).toMatch(/^✅ Done/);
    const statuses = f.discord.calls({ route: WEBHOOK_EDIT, after }).map((c) => c.status);
    expect(statuses.slice(0, 3)).toEqual([502, 502, 200]);
  });

  it('a job resumed after a restart keeps editing its message from the record alone', async () => {
    const { interactionId } = await f.slash('generate', { ...ALL, seed: 4 });
    const reply = await f.reply(interactionId);
    await f.until(async () => (await f.jobOf(reply.id))?.requestId ?? undefined);
    // Stopped while the image is being made: the job is parked, the new process resumes it.
    await f.restart(50);
    const parked = await f.jobOf(reply.id);
    expect(parked?.status).not.toBe('done');
    const final = await f.finalMessage(reply.id);
    expect(statusOf(final)).toMatch(/^✅ Done/);
    expect(final.attachments).toHaveLength(1);
    await f.rerollReaction(reply.id);
    // One provider job: followed by its request id, never submitted twice.
    expect((await f.jobOf(reply.id))?.requestId).toBe(parked?.requestId);
  });
});
