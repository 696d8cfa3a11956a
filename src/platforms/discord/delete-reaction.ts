import type { Message, PartialMessage, PartialUser, User } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { Requester } from '../../core/types.js';
import { isGuildAdmin } from './delete-admin.js';
import type { DiscordRuntime } from './runtime.js';

export const DELETE_EMOJI = '❌';

/**
 * ❌ on a result by its requester, or by a member with Manage Server, deletes it (the message goes when
 * the core reports the deletion); anyone else's ❌ is ignored. There is no interaction to answer, so a
 * refusal (still being made, storage down) is only logged.
 */
export async function deleteFromReaction(
  rt: DiscordRuntime,
  message: Message | PartialMessage,
  user: User | PartialUser,
  log: Logger,
): Promise<void> {
  const job = await rt.deps.service.findByMessage('discord', message.id);
  if (!job || job.status === 'deleted') return;
  const owner = job.userId === user.id;
  if (!owner && !(await isGuildAdmin(rt.client, message.guildId, user.id, log))) {
    log.debug({ jobId: job.id }, 'delete reaction by someone other than the requester or an admin ignored');
    return;
  }
  const actor: Requester = {
    platform: 'discord',
    workspaceId: message.guildId ?? '@me',
    channelId: message.channelId,
    userId: user.id,
    ...(owner ? {} : { admin: true }),
  };
  await rt.deps.deletion.deleteGeneration(job.id, actor);
  log.info({ jobId: job.id, asAdmin: !owner }, 'result deleted from a reaction');
}
