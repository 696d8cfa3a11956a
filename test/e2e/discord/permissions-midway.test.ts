import type { APIMessage } from 'discord.js';
import { PermissionFlagsBits as F } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../../sandbox/discord/index.js';
import {
  type DiscordBotFixture,
  embedOf,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';
import { PIXEL_ART_DIMENSIONS } from '../../helpers/options.js';

const EPHEMERAL = 64;
const FINAL = /^(✅|❌|🚫)/;
const ALL = PIXEL_ART_DIMENSIONS;
const CHANNEL_EDIT = 'PATCH /channels/:channelId/messages/:messageId';
const REACT = 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me';
const START_THREAD = 'POST /channels/:channelId/messages/:messageId/threads';

/**
 * Discord answers 403 50001/50013 on bot-token routes where overwrites deny the bot, while interaction
 * tokens keep working for their 15 minutes. Permissions can change while a job runs: each path must still
 * end where the person sees it, and nothing made is lost.
 */
describe('Discord: permissions taken away while a job runs', () => {
  let f: DiscordBotFixture;
  let general: string;

  beforeAll(async () => {
    f = await startDiscordBotFixture({ env: { PROVIDER_CONCURRENCY: '4' } });
    general = f.discord.channelId('general');
  });
  afterAll(async () => {
    await f?.close();
  });
  beforeEach(() => {
    f.discord.setPermissionOverwrites(general, []);
    f.discord.setKnobs({ tokenTtlMs: 15 * 60_000 });
    f.fal.setKnobs({ latencyMs: 40 });
  });

  /** A server admin takes these permissions from the bot in #general (a member overwrite). */
  const denyBot = (deny: bigint) =>
    f.discord.setPermissionOverwrites(general, [
      { id: f.discord.botUser.id, type: 1, allow: '0', deny: String(deny) },
    ]);
  const dmsTo = (userId: string) => {
    const dm = f.discord.dmChannelId(userId);
    return dm ? f.discord.messages(dm) : [];
  };
  const buttonOf = (message: APIMessage | undefined, prefix: string) => {
    const row = message?.components?.[0] as { components?: Array<{ custom_id?: string }> } | undefined;
    return row?.components?.find((c) => c.custom_id?.startsWith(prefix))?.custom_id ?? '';
  };
  const finalShownAt = async (jobId: string) =>
    (
      await f.bot.core.database.client.execute({
        sql: 'SELECT final_shown_at AS at FROM generations WHERE id = ?',
        args: [jobId],
      })
    ).rows[0]?.at ?? null;
  /** Messages of the interaction (its reply and follow-ups) in a channel, oldest first. */
  const ofInteraction = (channelId: string, interactionId: string) =>
    f.discord.messages(channelId).filter((m) => m.interaction_metadata?.id === interactionId);

  it('a result whose interaction token expired in a channel the bot can no longer see goes to a DM', async () => {
    // The job outlives its interaction token (shortened here from 15 minutes), and meanwhile the bot loses
    // View Channel: its bot-token edits answer 50001.
    f.fal.setKnobs({ latencyMs: 1500 });
    f.discord.setKnobs({ tokenTtlMs: 300 });
    const after = f.discord.lastCallSeq();
    const reply = await f.reply((await f.slash('generate', ALL, { channelId: general })).interactionId);
    const job = await f.jobOf(reply.id);
    denyBot(F.ViewChannel);
    const dm = await f.discord.waitFor(() => dmsTo(f.ada).find((m) => m.content.includes(`<#${general}>`)));
    expect(dm.content).toContain('**View Channel**');
    expect(statusOf(dm)).toMatch(/^✅/);
    expect(embedOf(dm)?.image?.url).toBeTruthy();
    expect((await f.bot.core.service.get(job?.id ?? ''))?.status).toBe('done');
    // Shown (in the DM): the next start does not try the channel again; the record points at the DM.
    await f.until(async () => (await finalShownAt(job?.id ?? '')) !== null);
    expect((await f.bot.core.service.get(job?.id ?? ''))?.messageId).toBe(dm.id);
    // Refused edits are not retried: at most one in-between state and the final one were tried.
    const refused = f.discord.calls({ route: CHANNEL_EDIT, after }).filter((c) => c.errorCode === 50001);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(2);
  });

  it('where the bot may not add reactions, the result is fine, keeps its re-roll button, and no 🔁 is tried', async () => {
    denyBot(F.AddReactions);
    const after = f.discord.lastCallSeq();
    const reply = await f.reply(
      (await f.slash('generate', { ...ALL, pose: 'thumbs-up' }, { channelId: general })).interactionId,
    );
    const final = await f.finalMessage(reply.id);
    expect(statusOf(final)).toMatch(/^✅/);
    expect(buttonOf(final, 'atl:reroll:')).not.toBe('');
    // The outcome is recorded as shown in a batch about a second after the final edit; the 🔁 would have
    // been tried right after that edit.
    const job = await f.jobOf(reply.id);
    await f.until(async () => (await finalShownAt(job?.id ?? '')) !== null);
    expect(f.discord.calls({ route: REACT, after })).toEqual([]);
  });

  it('with Send Messages denied from the start: /generate ends with its image, and a 🔁 on it is refused before anything is spent', async () => {
    denyBot(F.SendMessages | F.AddReactions);
    const reply = await f.reply(
      (await f.slash('generate', { ...ALL, prop: 'torch' }, { channelId: general })).interactionId,
    );
    const final = await f.finalMessage(reply.id);
    expect(embedOf(final)?.image?.url).toBeTruthy();
    const submits = f.fal.stats().submits;
    const seen = dmsTo(f.ada).length;
    f.discord.react({ userId: f.ada, messageId: reply.id, emoji: '🔁' });
    const note = await f.discord.waitFor(() => dmsTo(f.ada)[seen]);
    expect(note.content).toContain('Nothing was started');
    expect(note.content).toContain('**Send Messages**');
    expect(f.fal.stats().submits).toBe(submits);
  });

  it('a Re-roll click whose post is refused after the check: the re-roll is a follow-up of the click', async () => {
    const original = await f.finalMessage(
      (
        await f.reply(
          (
            await f.slash('generate', { ...ALL, prop: 'treasure-map' }, { channelId: general })
          ).interactionId,
        )
      ).id,
    );
    const click = f.discord.clickButton({
      userId: f.ada,
      messageId: original.id,
      customId: buttonOf(original, 'atl:reroll:'),
    });
    // Taken away after the click left (its app_permissions still allowed it), before the bot posts.
    denyBot(F.SendMessages);
    const reroll = await f.discord.waitForMessage(
      (m) => m.interaction_metadata?.id === click.interactionId && ((m.flags ?? 0) & EPHEMERAL) === 0,
    );
    const final = await f.finalMessage(reroll.id);
    expect(statusOf(final)).toMatch(/^✅/);
    // Recorded as the re-roll's message once it was posted.
    const job = await f.until(() => f.jobOf(reroll.id));
    expect(job.parentId).toBe((await f.jobOf(original.id))?.id);
  });

  it('/sequence whose thread is refused after the command was checked: the frames are follow-ups of it', async () => {
    const handle = f.discord.slashCommand({
      name: 'sequence',
      options: { style: 'claymation', outfit: 'explorer' },
      userId: f.ada,
      channelId: general,
    });
    // Taken away after the interaction left (its app_permissions still allowed it), before the bot acts.
    denyBot(F.CreatePublicThreads | F.SendMessages);
    const after = f.discord.lastCallSeq();
    const frames = await f.discord.waitFor(() => {
      const posted = ofInteraction(general, handle.interactionId).slice(1);
      return posted.length === 8 && posted.every((m) => FINAL.test(statusOf(m))) ? posted : undefined;
    }, 40_000);
    expect(f.discord.calls({ route: START_THREAD, after }).map((c) => c.errorCode)).toEqual([50013]);
    // Nothing was tried with the bot token in the channel it may not post in.
    expect(f.discord.calls({ method: 'POST', route: 'POST /channels/:channelId/messages', after })).toEqual(
      [],
    );
    const jobs = await Promise.all(frames.map((m) => f.jobOf(m.id)));
    expect(jobs.every((j) => j?.status === 'done')).toBe(true);
    expect(frames.every((m) => embedOf(m)?.image?.url)).toBe(true);
  }, 60_000);

  it('/sequence whose thread stops taking frames midway: every frame still ends, as a follow-up', async () => {
    // The moment the thread exists, Send Messages in Threads goes: no frame can be posted there.
    const deny = (call: RecordedCall) => {
      if (call.route !== START_THREAD || call.status !== 201) return;
      f.discord.off('call', deny);
      denyBot(F.SendMessagesInThreads);
    };
    f.discord.on('call', deny);
    const handle = f.discord.slashCommand({
      name: 'sequence',
      options: { style: 'claymation', outfit: 'athletic' },
      userId: f.ada,
      channelId: general,
    });
    const frames = await f.discord.waitFor(() => {
      const posted = ofInteraction(general, handle.interactionId).slice(1);
      return posted.length === 8 && posted.every((m) => FINAL.test(statusOf(m))) ? posted : undefined;
    }, 40_000);
    const jobs = await Promise.all(frames.map((m) => f.jobOf(m.id)));
    expect(jobs.map((j) => j?.status)).toEqual(Array(8).fill('done'));
    expect(new Set(jobs.map((j) => j?.sequenceId)).size).toBe(1);
  }, 60_000);

  it('Delete where the bot can no longer see the channel: the message goes through its interaction token', async () => {
    const reply = await f.reply(
      (await f.slash('generate', { ...ALL, outfit: 'athletic' }, { channelId: general })).interactionId,
    );
    const final = await f.finalMessage(reply.id);
    denyBot(F.ViewChannel);
    const click = f.discord.clickButton({
      userId: f.ada,
      messageId: final.id,
      customId: buttonOf(final, 'atl:delete:'),
    });
    const confirm = await f.discord.waitForMessage(
      (m) => Boolean((m.flags ?? 0) & EPHEMERAL) && m.interaction_metadata?.id === click.interactionId,
    );
    const after = f.discord.lastCallSeq();
    f.discord.clickButton({
      userId: f.ada,
      messageId: confirm.id,
      customId: buttonOf(confirm, 'atl:delete-yes:'),
    });
    await f.until(() => f.discord.message(final.id) === undefined);
    const deletes = f.discord.calls({ method: 'DELETE', after });
    expect(deletes.map((c) => [c.route, c.status])).toEqual([
      ['DELETE /channels/:channelId/messages/:messageId', 403],
      ['DELETE /webhooks/:applicationId/:token/messages/:messageId', 204],
    ]);
  });

  it('Delete once that token is gone too: the message stays, and the person who deleted hears why', async () => {
    // The result's interaction token dies early (shortened from 15 minutes); later ones live normally.
    f.discord.setKnobs({ tokenTtlMs: 200 });
    const { interactionId } = await f.slash(
      'generate',
      { ...ALL, outfit: 'winter-furs' },
      { channelId: general },
    );
    f.discord.setKnobs({ tokenTtlMs: 15 * 60_000 });
    const final = await f.finalMessage((await f.reply(interactionId)).id);
    const job = await f.jobOf(final.id);
    denyBot(F.ViewChannel);
    const seen = dmsTo(f.ada).length;
    const click = f.discord.clickButton({
      userId: f.ada,
      messageId: final.id,
      customId: buttonOf(final, 'atl:delete:'),
    });
    const confirm = await f.discord.waitForMessage(
      (m) => Boolean((m.flags ?? 0) & EPHEMERAL) && m.interaction_metadata?.id === click.interactionId,
    );
    f.discord.clickButton({
      userId: f.ada,
      messageId: confirm.id,
      customId: buttonOf(confirm, 'atl:delete-yes:'),
    });
    const note = await f.discord.waitFor(() => dmsTo(f.ada)[seen]);
    expect(note.content).toContain(`could not remove its message in <#${general}>`);
    expect((await f.bot.core.service.get(job?.id ?? ''))?.status).toBe('deleted');
    expect(f.discord.message(final.id)).toBeDefined();
  });
  it('a purge where the bot can no longer see the channel: what a token allows goes, the admin hears about the rest', async () => {
    // A result whose interaction token dies early (shortened from 15 minutes), one whose token lives.
    f.discord.setKnobs({ tokenTtlMs: 200 });
    const first = await f.slash('generate', ALL, { userId: f.grace, channelId: general });
    const stale = await f.finalMessage((await f.reply(first.interactionId)).id);
    f.discord.setKnobs({ tokenTtlMs: 15 * 60_000 });
    const second = await f.slash(
      'generate',
      { ...ALL, pose: 'thumbs-up' },
      { userId: f.grace, channelId: general },
    );
    const fresh = await f.finalMessage((await f.reply(second.interactionId)).id);
    denyBot(F.ViewChannel);
    const seen = dmsTo(f.ada).length;
    const guildId = f.discord.guild().id;
    const result = await f.bot.core.deletion.purgeUser(
      { platform: 'discord', workspaceId: guildId, userId: f.grace },
      { platform: 'discord', workspaceId: guildId, channelId: general, userId: f.ada, admin: true },
    );
    expect(result.failed).toBe(0);
    await f.until(() => f.discord.message(fresh.id) === undefined);
    const note = await f.discord.waitFor(() => dmsTo(f.ada)[seen]);
    expect(note.content).toContain(`could not remove its message in <#${general}>`);
    expect(f.discord.message(stale.id)).toBeDefined();
  });
});
