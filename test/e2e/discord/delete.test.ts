import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotFixture, startDiscordBotFixture } from '../../helpers/discord-bot-fixture.js';
import { PIXEL_ART_DIMENSIONS } from '../../helpers/options.js';

const EPHEMERAL = 64;
const ALL = PIXEL_ART_DIMENSIONS;

describe('Discord deletion: ❌ and the Delete button', () => {
  let f: DiscordBotFixture;
  let linus: string;

  beforeAll(async () => {
    f = await startDiscordBotFixture();
    linus = f.discord.users[2]?.id ?? '';
  });
  afterAll(async () => {
    await f?.close();
  });

  /** A finished result made by `userId` (ada by default), with its record. */
  async function finished(userId = f.ada) {
    const { interactionId } = await f.slash('generate', ALL, { userId });
    const message = await f.finalMessage((await f.reply(interactionId)).id);
    const job = await f.jobOf(message.id);
    if (job?.status !== 'done' || !job.imageKey) throw new Error('expected a finished job with an image');
    return { message, job };
  }
  const fileOf = (key: string) => join(f.dir, 'media', ...key.split('/'));
  const removed = (messageId: string) => f.until(() => f.discord.message(messageId) === undefined);
  const record = (id: string) => f.bot.core.generations.get(id);
  const deleteButton = (message: APIMessage) => {
    const row = message.components?.[0] as { components?: Array<{ custom_id?: string; label?: string }> };
    return row.components?.find((c) => c.custom_id?.startsWith('atl:delete:'));
  };
  const ephemeralAnswer = (interactionId: string) =>
    f.discord.waitForMessage(
      (m) => Boolean((m.flags ?? 0) & EPHEMERAL) && m.interaction_metadata?.id === interactionId,
    );

  it('❌ by the requester removes the message, the stored files, and leaves a tombstone', async () => {
    const { message, job } = await finished();
    expect(existsSync(fileOf(job.imageKey!))).toBe(true);
    f.discord.react({ userId: f.ada, messageId: message.id, emoji: '❌' });
    await removed(message.id);
    expect(existsSync(fileOf(job.imageKey!))).toBe(false);
    expect(existsSync(fileOf(job.thumbKey!))).toBe(false);
    expect(await record(job.id)).toMatchObject({ status: 'deleted', deletedBy: f.ada, imageUrl: null });
  });

  it('ignores ❌ by someone who is neither the requester nor an admin', async () => {
    const theirs = await finished(f.grace);
    const adas = await finished();
    // grace's ❌ on ada's result first, then on her own: once her own is gone, the first was handled.
    f.discord.react({ userId: f.grace, messageId: adas.message.id, emoji: '❌' });
    f.discord.react({ userId: f.grace, messageId: theirs.message.id, emoji: '❌' });
    await removed(theirs.message.id);
    expect(f.discord.message(adas.message.id)).toBeDefined();
    expect((await record(adas.job.id))?.status).toBe('done');
    expect(existsSync(fileOf(adas.job.imageKey!))).toBe(true);
  });

  it('lets a member with Manage Server delete anyone’s result with ❌', async () => {
    const { message, job } = await finished(linus);
    f.discord.react({ userId: f.ada, messageId: message.id, emoji: '❌' });
    await removed(message.id);
    expect(await record(job.id)).toMatchObject({ status: 'deleted', deletedBy: f.ada, userId: linus });
  });

  it('asks for confirmation on the Delete button, keeps on Keep, deletes on Delete, refuses others', async () => {
    const { message, job } = await finished(f.grace);
    const button = deleteButton(message);
    expect(button?.label).toContain('Delete');
    const customId = button?.custom_id ?? '';

    const foreign = f.discord.clickButton({ userId: linus, messageId: message.id, customId });
    expect((await ephemeralAnswer(foreign.interactionId)).content).toContain(
      `Only <@${f.grace}> or a server admin can delete this image`,
    );

    const ask = async () => {
      const click = f.discord.clickButton({ userId: f.grace, messageId: message.id, customId });
      const confirm = await ephemeralAnswer(click.interactionId);
      expect(confirm.content).toMatch(/^Delete this image\?/);
      const row = confirm.components?.[0] as { components: Array<{ custom_id: string; label: string }> };
      const [yes, keep] = row.components;
      expect([yes?.label, keep?.label]).toEqual(['Delete', 'Keep']);
      return { confirm, yes: yes?.custom_id ?? '', keep: keep?.custom_id ?? '' };
    };
    const first = await ask();
    f.discord.clickButton({ userId: f.grace, messageId: first.confirm.id, customId: first.keep });
    await f.until(() => f.discord.message(first.confirm.id)?.content?.startsWith('Kept'));
    expect((await record(job.id))?.status).toBe('done');
    expect(f.discord.message(message.id)).toBeDefined();

    const second = await ask();
    f.discord.clickButton({ userId: f.grace, messageId: second.confirm.id, customId: second.yes });
    await removed(message.id);
    await f.until(() => f.discord.message(second.confirm.id)?.content?.includes('Deleted'));
    expect(existsSync(fileOf(job.imageKey!))).toBe(false);
    expect((await record(job.id))?.status).toBe('deleted');
  });

  it('removes every message of a purge, spaced out so a large purge stays under the rate limits', async () => {
    const jobs = [await finished(linus), await finished(linus), await finished(linus)];
    const after = f.discord.lastCallSeq();
    const admin = { platform: 'discord' as const, workspaceId: f.discord.guild().id, channelId: f.art };
    const result = await f.bot.core.deletion.purgeUser(
      { platform: 'discord', workspaceId: admin.workspaceId, userId: linus },
      { ...admin, userId: f.ada, admin: true },
    );
    expect(result).toEqual({ deleted: 3, failed: 0 });
    for (const { message } of jobs) await removed(message.id);
    const deletes = f.discord.calls({ method: 'DELETE', route: /messages\/:messageId$/, after });
    expect(deletes).toHaveLength(3);
    for (let i = 1; i < deletes.length; i++)
      expect(deletes[i]!.at - deletes[i - 1]!.at).toBeGreaterThanOrEqual(250);
  });

  it('edits the message to say the image was deleted when Discord will not delete it', async () => {
    const { message } = await finished();
    // Every try of the delete fails (discord.js retries a 5xx three times).
    f.discord.failNext('DELETE /channels/:channelId/messages/:messageId', { status: 503, count: 4 });
    f.discord.react({ userId: f.ada, messageId: message.id, emoji: '❌' });
    const edited = await f.until(() => {
      const m = f.discord.message(message.id);
      return m?.content === 'This image was deleted.' ? m : undefined;
    });
    expect(edited.embeds).toEqual([]);
    expect(edited.components ?? []).toEqual([]);
    expect(edited.attachments).toEqual([]);
  });
});
