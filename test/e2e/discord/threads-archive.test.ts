import type { APIMessage } from 'discord.js';
import { PermissionFlagsBits as F } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';

const EPHEMERAL = 64;
const FINAL = /^(✅|❌|🚫)/;
const WEBHOOK_EDIT = 'PATCH /webhooks/:applicationId/:token/messages/:messageId';
const CHANNEL_EDIT = 'PATCH /channels/:channelId/messages/:messageId';
const UNARCHIVE = 'PATCH /channels/:channelId';
const ALL = {
  style: 'low-poly',
  pose: 'walking',
  outfit: 'athletic',
  footwear: 'sneakers',
  prop: 'none',
  frame: 'hero',
};

/**
 * Threads archive after a day without messages (threads.mdx): /sequence frames live in one. Edits there are
 * refused (50083) until the thread is unarchived, nobody can react there, and a process started after it
 * archived does not have it in its cache (GUILD_CREATE lists active threads only).
 */
describe('Discord: /sequence frames in a thread that archived', () => {
  let f: DiscordBotFixture;
  let threadId: string;
  let frames: APIMessage[];

  beforeAll(async () => {
    f = await startDiscordBotFixture({ env: { PROVIDER_CONCURRENCY: '4' } });
    const header = await f.reply(
      (await f.slash('sequence', { style: 'claymation', outfit: 'explorer' })).interactionId,
    );
    threadId = await f.discord.waitFor(() => f.discord.message(header.id)?.thread?.id);
    frames = await f.discord.waitFor(() => {
      const posted = f.discord.messages(threadId);
      return posted.length === 8 && posted.every((m) => FINAL.test(statusOf(m))) ? posted : undefined;
    }, 30_000);
    for (const m of frames) await f.rerollReaction(m.id);
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  const archived = () =>
    (f.discord.channel(threadId) as { thread_metadata?: { archived?: boolean } }).thread_metadata?.archived;
  const unarchives = (after: number) =>
    f.discord.calls({ route: UNARCHIVE, after }).filter((c) => c.path === `/channels/${threadId}`);
  const buttonOf = (message: APIMessage | undefined, prefix: string) => {
    const row = message?.components?.[0] as { components?: Array<{ custom_id?: string }> } | undefined;
    return row?.components?.find((c) => c.custom_id?.startsWith(prefix))?.custom_id ?? '';
  };

  it('a job whose thread archived meanwhile still shows its result: the bot unarchives it to edit', async () => {
    // Slow enough that the thread archives between the job's first edit (by the bot token, once its
    // interaction token is refused) and its last.
    f.fal.setKnobs({ latencyMs: 1500 });
    f.discord.setKnobs({ tokenTtlMs: 200 });
    try {
      const after = f.discord.lastCallSeq();
      const reply = await f.reply((await f.slash('generate', ALL, { channelId: threadId })).interactionId);
      await f.discord.waitForCall({ route: CHANNEL_EDIT, status: 200, after });
      f.discord.archiveThread(threadId);
      const final = await f.finalMessage(reply.id);
      expect(statusOf(final)).toMatch(/^✅/);
      const refused = f.discord.calls({ route: CHANNEL_EDIT, after }).filter((c) => c.errorCode === 50083);
      expect(refused).toHaveLength(1);
      expect(unarchives(after).map((c) => [c.status, c.body])).toEqual([[200, { archived: false }]]);
      expect(archived()).toBe(false);
      await f.rerollReaction(reply.id);
    } finally {
      f.fal.setKnobs({ latencyMs: 40 });
      f.discord.setKnobs({ tokenTtlMs: 15 * 60_000 });
    }
  });

  it('the same through the interaction token: refused with 50083, unarchived, edited', async () => {
    f.fal.setKnobs({ latencyMs: 1500 });
    try {
      const after = f.discord.lastCallSeq();
      const reply = await f.reply(
        (await f.slash('generate', { ...ALL, pose: 'waving' }, { channelId: threadId })).interactionId,
      );
      f.discord.archiveThread(threadId);
      const final = await f.finalMessage(reply.id);
      expect(statusOf(final)).toMatch(/^✅/);
      expect(f.discord.calls({ route: WEBHOOK_EDIT, after }).some((c) => c.errorCode === 50083)).toBe(true);
      expect(unarchives(after).map((c) => c.status)).toContain(200);
    } finally {
      f.fal.setKnobs({ latencyMs: 40 });
    }
  });

  it('after a restart, with the thread archived and uncached, a frame’s Re-roll button is judged as a thread’s', async () => {
    // The channel denies the bot Send Messages; its threads need Send Messages in Threads, which it has.
    f.discord.setPermissionOverwrites(f.art, [
      { id: f.discord.botUser.id, type: 1, allow: '0', deny: String(F.SendMessages) },
    ]);
    try {
      f.discord.archiveThread(threadId);
      await f.restart();
      const frame = frames[1];
      const click = f.discord.clickButton({
        userId: f.ada,
        messageId: frame?.id ?? '',
        customId: buttonOf(frame, 'atl:reroll:'),
      });
      const reroll = await f.discord.waitForMessage(
        (m) =>
          m.message_reference?.message_id === frame?.id ||
          (m.interaction_metadata?.id === click.interactionId && Boolean((m.flags ?? 0) & EPHEMERAL)),
      );
      expect(reroll.content).not.toContain('Nothing was started');
      expect(reroll.channel_id).toBe(threadId);
      expect(statusOf(await f.finalMessage(reroll.id))).toMatch(/^✅/);
      // Posting the re-roll brought the thread back, as any message does.
      expect(archived()).toBe(false);
    } finally {
      f.discord.setPermissionOverwrites(f.art, []);
    }
  });

  it('after a restart, 🔁 and ❌ on frames work once someone’s message unarchived the thread', async () => {
    f.discord.archiveThread(threadId);
    await f.restart();
    // Nobody can react in an archived thread; a message brings it back (and tells the bot about it).
    expect(() => f.discord.react({ userId: f.ada, messageId: frames[2]?.id ?? '', emoji: '🔁' })).toThrow();
    f.discord.postMessage({ userId: f.grace, channelId: threadId, content: 'one more, please' });
    f.discord.react({ userId: f.ada, messageId: frames[2]?.id ?? '', emoji: '🔁' });
    const reroll = await f.discord.waitForMessage((m) => m.message_reference?.message_id === frames[2]?.id);
    expect(statusOf(await f.finalMessage(reroll.id))).toMatch(/^✅/);
    f.discord.react({ userId: f.ada, messageId: frames[3]?.id ?? '', emoji: '❌' });
    await f.until(() => f.discord.message(frames[3]?.id ?? '') === undefined);
  });

  it('the Delete button on a frame in an archived thread removes it (deleting works there)', async () => {
    f.discord.archiveThread(threadId);
    const frame = frames[4];
    const click = f.discord.clickButton({
      userId: f.ada,
      messageId: frame?.id ?? '',
      customId: buttonOf(frame, 'atl:delete:'),
    });
    const confirm = await f.discord.waitForMessage(
      (m) => Boolean((m.flags ?? 0) & EPHEMERAL) && m.interaction_metadata?.id === click.interactionId,
    );
    f.discord.clickButton({
      userId: f.ada,
      messageId: confirm.id,
      customId: buttonOf(confirm, 'atl:delete-yes:'),
    });
    await f.until(() => f.discord.message(frame?.id ?? '') === undefined);
    expect((await f.jobOf(frame?.id ?? ''))?.status ?? 'deleted').toBe('deleted');
    expect(archived()).toBe(true);
  });
});
