import { PermissionFlagsBits as F } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  embedOf,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';
import { PIXEL_ART_DIMENSIONS } from '../../helpers/options.js';

const ALL = PIXEL_ART_DIMENSIONS;

describe('Discord: no job is paid for where the bot may not post its result', () => {
  let f: DiscordBotFixture;
  let general: string;

  beforeAll(async () => {
    f = await startDiscordBotFixture();
    general = f.discord.channelId('general');
  });
  afterAll(async () => {
    await f?.close();
  });
  beforeEach(() => {
    f.discord.setPermissionOverwrites(general, []);
  });

  /** A server admin takes these permissions from the bot in #general (a member overwrite). */
  const denyBot = (deny: bigint) =>
    f.discord.setPermissionOverwrites(general, [
      { id: f.discord.botUser.id, type: 1, allow: '0', deny: String(deny) },
    ]);
  /** Rows in the generations table: every job made, whatever its state. */
  const countJobs = async () =>
    Number(
      (await f.bot.core.database.client.execute('SELECT count(*) AS n FROM generations')).rows[0]?.n ?? 0,
    );
  const botPostsIn = (channelId: string) =>
    f.discord
      .calls({ method: 'POST', route: 'POST /channels/:channelId/messages' })
      .filter((c) => c.path.includes(channelId));

  it('🔁 where the bot lacks Send Messages and Add Reactions: refused in a DM naming Send Messages; nothing paid', async () => {
    const original = await f.reply((await f.slash('generate', ALL, { channelId: general })).interactionId);
    await f.finalMessage(original.id);
    await f.rerollReaction(original.id);
    denyBot(F.SendMessages | F.AddReactions);
    const submits = f.fal.stats().submits;
    const jobs = await countJobs();
    const posts = botPostsIn(general).length;

    f.discord.react({ userId: f.ada, messageId: original.id, emoji: '🔁' });
    const note = await f.discord.waitFor(() => {
      const dm = f.discord.dmChannelId(f.ada);
      return dm ? f.discord.messages(dm)[0] : undefined;
    });
    expect(await countJobs()).toBe(jobs);
    expect(f.fal.stats().submits).toBe(submits);
    expect(botPostsIn(general)).toHaveLength(posts);
    expect(note.content).toContain('**Send Messages**');
    expect(note.content).toContain('Nothing was started');
  });

  it('the re-roll button there is refused privately, naming the permission; nothing paid', async () => {
    const original = await f.reply(
      (await f.slash('generate', { ...ALL, pose: 'thumbs-up' }, { channelId: general })).interactionId,
    );
    await f.finalMessage(original.id);
    denyBot(F.EmbedLinks);
    const submits = f.fal.stats().submits;
    const jobs = await countJobs();
    const row = f.discord.message(original.id)?.components?.[0] as {
      components?: Array<{ custom_id: string }>;
    };
    const click = f.discord.clickButton({
      userId: f.ada,
      messageId: original.id,
      customId: row.components?.[0]?.custom_id ?? '',
    });
    const note = await f.discord.waitForMessage(
      (m) => Boolean((m.flags ?? 0) & 64) && m.interaction_metadata?.id === click.interactionId,
    );
    expect(await countJobs()).toBe(jobs);
    expect(f.fal.stats().submits).toBe(submits);
    expect(note.content).toContain('**Embed Links**');
  });

  it('/generate where the bot lacks Send Messages still ends with its image, through the interaction token', async () => {
    denyBot(F.SendMessages | F.AddReactions);
    const reply = await f.reply(
      (await f.slash('generate', { ...ALL, prop: 'torch' }, { channelId: general })).interactionId,
    );
    const final = await f.finalMessage(reply.id);
    expect(statusOf(final)).toMatch(/^✅/);
    expect(embedOf(final)?.image?.url).toBeTruthy();
    expect((await f.jobOf(reply.id))?.status).toBe('done');
  });

  it('/sequence where the bot lacks Create Public Threads: refused privately, naming it; nothing paid', async () => {
    denyBot(F.CreatePublicThreads);
    const submits = f.fal.stats().submits;
    const jobs = await countJobs();
    const { interactionId } = await f.slash(
      'sequence',
      { style: 'claymation', outfit: 'explorer' },
      { channelId: general },
    );
    const answer = await f.reply(interactionId);
    expect(await countJobs()).toBe(jobs);
    expect(f.fal.stats().submits).toBe(submits);
    expect((answer.flags ?? 0) & 64).toBe(64);
    expect(answer.content).toContain('**Create Public Threads**');
    expect(answer.content).toContain('Nothing was started');
  });
});
