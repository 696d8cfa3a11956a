import { UserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Requester } from '../../core/types.js';
import { messageIdOf } from './message-ref.js';
import type { SlackRuntime } from './runtime.js';

/**
 * :x: on a result by its requester or an admin (SLACK_ADMIN_USER_IDS) deletes it; anyone else's :x: is
 * ignored. Refusals (still being made, storage down) reach the person through the caller's boundary.
 */
export async function deleteFromReaction(
  rt: SlackRuntime,
  where: { channel: string; ts: string },
  actor: Requester,
  log: Logger,
): Promise<void> {
  const job = await rt.deps.service.findByMessage('slack', messageIdOf(where));
  if (!job || job.status === 'deleted') return;
  if (job.userId !== actor.userId && !actor.admin) {
    log.debug({ jobId: job.id }, 'delete reaction by someone other than the requester or an admin ignored');
    return;
  }
  await rt.deps.deletion.deleteGeneration(job.id, actor);
  log.info({ jobId: job.id, asAdmin: job.userId !== actor.userId }, 'result deleted from a reaction');
}

/** The card's Delete button, after Slack's confirm dialog; the core refuses anyone but the requester or an admin. */
export async function deleteFromButton(rt: SlackRuntime, generationId: string | undefined, actor: Requester) {
  if (!generationId) throw new UserError('not_found', 'That image is no longer in the history.');
  await rt.deps.deletion.deleteGeneration(generationId, actor);
}
