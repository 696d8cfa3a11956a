import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  embedOf,
  startDiscordBotFixture,
} from '../../helpers/discord-bot-fixture.js';
import { PIXEL_ART_DIMENSIONS } from '../../helpers/options.js';

const ALL = PIXEL_ART_DIMENSIONS;

describe('Discord 🔁 re-rolls', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  async function finishedJob(options: Record<string, string | number> = ALL) {
    const message = await f.reply((await f.slash('generate', options)).interactionId);
    await f.finalMessage(message.id);
    await f.rerollReaction(message.id);
    return message;
  }

  /**
   * The bot's reply to a message (a re-roll posts one), once it shows a final state and carries its 🔁 (added
   * after the message id is recorded: a fast job's first message can already be its final one).
   */
  const rerollOf = async (messageId: string) => {
    const reply = await f.discord.waitForMessage((m) => m.message_reference?.message_id === messageId);
    const final = await f.finalMessage(reply.id);
    await f.rerollReaction(reply.id);
    return final;
  };
  const rerollsOf = (messageId: string) =>
    f.discord.messages(f.art).filter((m) => m.message_reference?.message_id === messageId);
  const history = async (userId: string) =>
    (await f.bot.core.service.history({ userId, platform: 'discord', limit: 100, offset: 0 })).items;

  it('re-rolls on the requester’s 🔁 (uncached message), ignores others, and folds repeats into one', async () => {
    const original = await finishedJob();
    const parent = await f.jobOf(original.id);
    // Someone else's 🔁 first: ignored.
    f.discord.react({ userId: f.grace, messageId: original.id, emoji: '🔁' });
    f.discord.react({ userId: f.ada, messageId: original.id, emoji: '🔁' });
    // The same person again within the window: still one re-roll.
    f.discord.unreact({ userId: f.ada, messageId: original.id, emoji: '🔁' });
    f.discord.react({ userId: f.ada, messageId: original.id, emoji: '🔁' });
    const reroll = await rerollOf(original.id);
    expect(embedOf(reroll)?.title).toContain('(re-roll)');
    expect(reroll.attachments).toHaveLength(1);
    const child = await f.jobOf(reroll.id);
    expect(child).toMatchObject({
      parentId: parent?.id,
      userId: f.ada,
      options: parent?.options,
      status: 'done',
    });
    expect(child?.seed).not.toBe(parent?.seed);
    await f.rerollReaction(reroll.id);
    expect(rerollsOf(original.id)).toHaveLength(1);
    expect(await history(f.grace)).toEqual([]);
    expect((await history(f.ada)).filter((g) => g.parentId === parent?.id)).toHaveLength(1);
  });

  it('re-rolls from the card’s button for the requester and refuses it privately to others', async () => {
    const original = await finishedJob({ ...ALL, pose: 'thumbs-up' });
    const row = f.discord.message(original.id)?.components?.[0] as {
      components?: Array<{ custom_id: string }>;
    };
    const rerollId = row.components?.[0]?.custom_id ?? '';
    expect(rerollId).toMatch(/^atl:reroll:/);
    const foreign = f.discord.clickButton({ userId: f.grace, messageId: original.id, customId: rerollId });
    const note = await f.discord.waitForMessage(
      (m) => Boolean((m.flags ?? 0) & 64) && m.interaction_metadata?.id === foreign.interactionId,
    );
    expect(note.content).toContain(`Only <@${f.ada}> can re-roll this image`);
    f.discord.clickButton({ userId: f.ada, messageId: original.id, customId: rerollId });
    const reroll = await rerollOf(original.id);
    expect((await f.jobOf(reroll.id))?.parentId).toBe((await f.jobOf(original.id))?.id);
  });

  it('re-rolls a result from before a restart: the job is found by its message id in the database', async () => {
    const original = await finishedJob({ ...ALL, prop: 'torch' });
    await f.restart();
    f.discord.react({ userId: f.ada, messageId: original.id, emoji: '🔁' });
    const reroll = await rerollOf(original.id);
    expect((await f.jobOf(reroll.id))?.parentId).toBe((await f.jobOf(original.id))?.id);
    await f.rerollReaction(reroll.id);
  });
});
