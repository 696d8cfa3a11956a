import type { Generation, Platform, Requester } from '../types.js';

/** A user's results in one workspace, as `/atelier purge user` names them. */
export interface PurgeTarget {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

export interface PurgeResult {
  /** Results turned into tombstones (their images left storage). */
  deleted: number;
  /** Results whose images could not be removed yet (storage down): left as they were, safe to purge again. */
  failed: number;
}

/**
 * Deletion: the only way anything leaves storage. The image and thumbnail are removed, the record stays
 * as a tombstone (status 'deleted', deletedAt, deletedBy), and listeners (the chat adapters) remove the
 * chat message that showed it.
 */
export interface DeletionService {
  /**
   * The owner or an admin (requester.admin) deletes one finished result. Throws UserError('forbidden')
   * for anyone else and UserError('not_found') when there is no such result in the actor's workspace.
   * Deleting a tombstone again returns it unchanged.
   */
  deleteGeneration(id: string, actor: Requester): Promise<Generation>;
  /** Admin only: every finished result of one user in the actor's workspace. */
  purgeUser(target: PurgeTarget, actor: Requester): Promise<PurgeResult>;
  /** Called after each deletion (single or purge) with the tombstone. */
  onDeleted(listener: (tombstone: Generation) => void): () => void;
}
