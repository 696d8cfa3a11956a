import {
  Events,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import { FINISHED_STATUSES } from '../../core/types.js';
import { missingPermissions, permissionRefusal, rerollNeeds, uploadsImages } from './bot-permissions.js';
import { DELETE_EMOJI, deleteFromReaction } from './delete-reaction.js';
import { describeFailure } from './error-boundary.js';
import { REROLL_EMOJI } from './job-message-port.js';
import { startReroll } from './reroll.js';
import type { DiscordRuntime } from './runtime.js';

/**
 * ❌ deletes a result (see delete-reaction.ts).
 * 🔁 by the requester on any finished result (cached or not, also one from before a restart: the job is
 * found by message id in the database) starts a linked re-roll; anyone else's 🔁 is ignored.
 */
export function registerReactions(rt: DiscordRuntime): void {
  rt.client.on(Events.MessageReactionAdd, (reaction, user) => {
    void onReaction(rt, reaction, user);
  });
}

async function onReaction(
  rt: DiscordRuntime,
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
): Promise<void> {
  const emoji = reaction.emoji.name;
  if ((emoji !== REROLL_EMOJI && emoji !== DELETE_EMOJI) || user.id === rt.client.user?.id) return;
  const { message } = reaction;
  const log = rt.log.child({ event: 'reaction', userId: user.id, messageId: message.id });
  try {
    if (emoji === DELETE_EMOJI) return await deleteFromReaction(rt, message, user, log);
    const original = await rt.deps.service.findByMessage('discord', message.id);
    if (!original || !FINISHED_STATUSES.includes(original.status)) return;
    if (original.userId !== user.id) {
      log.debug({ jobId: original.id }, 're-roll reaction by someone other than the requester ignored');
      return;
    }
    // The re-roll is posted with the bot token beside the original: if the bot may not, nothing is paid
    // for and the person hears why in a DM (a reaction has no interaction to answer privately).
    const refusal = await rerollRefusal(rt, message);
    if (refusal) {
      log.info({ jobId: original.id }, 're-roll refused: the bot lacks permissions in the channel');
      await rt.sender
        .directMessage(user.id, refusal)
        .catch((e: unknown) => log.info({ err: e }, 'could not tell the user why the re-roll was refused'));
      return;
    }
    const requester = {
      platform: 'discord' as const,
      workspaceId: message.guildId ?? '@me',
      channelId: message.channelId,
      userId: user.id,
      // An age-restricted channel lets the re-roll post what the provider flags (NSFW_POLICY=nsfw-channels).
      ...('nsfw' in message.channel && message.channel.nsfw ? { nsfwChannel: true } : {}),
    };
    const next = await startReroll(rt, original, requester, {
      channelId: message.channelId,
      messageId: message.id,
    });
    if (next) log.info({ jobId: next.id, parentId: original.id }, 're-roll started from a reaction');
  } catch (error) {
    // No interaction to answer: the log has it (a UserError here is e.g. "restarting, try again").
    describeFailure(error, log, { messageId: message.id });
  }
}

/** Why the bot cannot post a re-roll in the message's channel (its cached roles and overwrites), if it cannot. */
async function rerollRefusal(
  rt: DiscordRuntime,
  message: MessageReaction['message'] | PartialMessageReaction['message'],
): Promise<string | undefined> {
  const { guild, channel } = message;
  if (!guild || !channel || channel.isDMBased()) return undefined;
  const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => null));
  const have = me ? channel.permissionsFor(me) : null;
  // Unknown: let Discord decide.
  if (!have) return undefined;
  const needs = rerollNeeds({ inThread: channel.isThread(), uploads: uploadsImages(rt) });
  const missing = missingPermissions(have, needs);
  if (missing.length === 0) return undefined;
  return `${permissionRefusal('post the re-roll', missing).message} (Your 🔁 was in <#${channel.id}>.)`;
}
