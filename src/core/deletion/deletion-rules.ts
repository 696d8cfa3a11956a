import { UserError } from '../errors.js';
import type { Generation, GenerationPatch, GenerationStatus, Requester } from '../types.js';
import type { PurgeTarget } from './deletion-types.js';

/**
 * Results that may become tombstones: images ('done') and withheld images ('blocked'). Both were paid
 * for and count toward quotas, as tombstones do. A 'failed' job made nothing and costs the user nothing:
 * turning it into a tombstone would start counting it, so it is refused instead.
 */
export const DELETABLE_STATUSES: readonly GenerationStatus[] = ['done', 'blocked'];

/** Someone else's result and a missing one look the same from another workspace. */
const NOT_FOUND = 'That image is not in this workspace’s history (it may have been removed already).';

/** The generation as the actor may delete it; throws a UserError saying why not. */
export function checkDeletable(generation: Generation | undefined, actor: Requester): Generation {
  if (!generation || generation.platform !== actor.platform || generation.workspaceId !== actor.workspaceId)
    throw new UserError('not_found', NOT_FOUND);
  if (generation.userId !== actor.userId && !actor.admin)
    throw new UserError(
      'forbidden',
      'Only the person who made this image, or a server/workspace admin, can delete it.',
    );
  if (generation.status === 'deleted' || DELETABLE_STATUSES.includes(generation.status)) return generation;
  if (generation.status === 'failed')
    throw new UserError('invalid_input', 'This request failed, so there is no image to delete.');
  throw new UserError(
    'invalid_input',
    'This image is still being made. Delete it once it is finished (the ✅ card).',
  );
}

/** Purging someone's results is for admins of the target's workspace only. */
export function checkPurge(target: PurgeTarget, actor: Requester): void {
  if (!actor.admin || actor.platform !== target.platform || actor.workspaceId !== target.workspaceId)
    throw new UserError('forbidden', 'Only a server/workspace admin can purge someone’s images.');
}

/** The record after its objects left storage: the URLs and keys would point at nothing now. */
export function tombstonePatch(actor: Requester, now: number): GenerationPatch {
  return {
    status: 'deleted',
    deletedAt: now,
    deletedBy: actor.userId,
    imageKey: null,
    imageUrl: null,
    thumbKey: null,
    thumbUrl: null,
    updatedAt: now,
  };
}

export const STORAGE_DOWN =
  'The image could not be removed from storage just now, so nothing was deleted. Please try again in a minute.';
