import { createAuditRecorder } from '../audit/audit-recorder.js';
import type { AuditRepository } from '../audit/audit-types.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Clock, ObjectStore } from '../ports.js';
import type { Generation, GenerationRepository, Requester } from '../types.js';
import { checkDeletable, checkPurge, STORAGE_DOWN, tombstonePatch } from './deletion-rules.js';
import type { DeletionService } from './deletion-types.js';
import { type PurgeTuning, purgeResults } from './purge-user.js';

export interface DeletionServiceDeps {
  generations: Pick<GenerationRepository, 'get' | 'update' | 'history'>;
  store: Pick<ObjectStore, 'delete'>;
  audit?: AuditRepository | undefined;
  clock: Pick<Clock, 'now'>;
  log: Logger;
  /**
   * How many other live records show the same stored objects: a result reused for the same prompt, model
   * and seed shares its keys, and those objects stay until the last of them is deleted. Default: none.
   */
  countSharers?: (generation: Generation) => Promise<number>;
  purge?: PurgeTuning;
}

/** The DeletionService: objects out of storage, record kept as a tombstone, listeners told. */
export function createDeletionService(deps: DeletionServiceDeps): DeletionService {
  const { log } = deps;
  const audit = createAuditRecorder(deps.audit, log);
  const listeners = new Set<(tombstone: Generation) => void>();
  const sharers = deps.countSharers ?? (async () => 0);

  const keysOf = (g: Generation) => [...new Set([g.imageKey, g.thumbKey].filter((k) => k !== null))];
  const removeObjects = (keys: string[]) => Promise.all(keys.map((key) => deps.store.delete(key)));

  function notify(tombstone: Generation): void {
    for (const listener of listeners) {
      try {
        listener(tombstone);
      } catch (error) {
        log.error({ err: error, jobId: tombstone.id }, 'deletion listener failed');
      }
    }
  }

  /** Storage first (a failure changes nothing), then the record; a deletable, live result only. */
  async function tombstone(g: Generation, actor: Requester): Promise<Generation> {
    const keys = keysOf(g);
    const shared = keys.length > 0 && (await sharers(g)) > 0;
    if (keys.length > 0 && !shared) {
      try {
        await removeObjects(keys);
      } catch (error) {
        log.warn({ err: error, jobId: g.id }, 'could not remove a deleted image from storage');
        throw new UserError('unavailable', STORAGE_DOWN);
      }
    }
    const deleted = await deps.generations.update(g.id, tombstonePatch(actor, deps.clock.now()));
    // The others may have been deleted meanwhile (each saw the other still live): the last one cleans up.
    if (shared && (await sharers(g)) === 0)
      await removeObjects(keys).catch((e: unknown) =>
        log.warn({ err: e, jobId: g.id }, 'could not remove a shared image after its last record went'),
      );
    notify(deleted);
    return deleted;
  }

  return {
    async deleteGeneration(id: string, actor: Requester): Promise<Generation> {
      const g = checkDeletable(await deps.generations.get(id), actor);
      if (g.status === 'deleted') return g;
      const deleted = await tombstone(g, actor);
      log.info({ jobId: id, userId: actor.userId, ownerId: g.userId }, 'result deleted');
      await audit({
        platform: actor.platform,
        workspaceId: actor.workspaceId,
        channelId: actor.channelId,
        userId: actor.userId,
        action: 'delete',
        targetId: id,
        details: { ownerId: g.userId, status: g.status, asAdmin: g.userId !== actor.userId },
        source: 'deletion',
      });
      return deleted;
    },

    async purgeUser(target, actor) {
      checkPurge(target, actor);
      const result = await purgeResults(
        {
          generations: deps.generations,
          tombstone: async (g) => {
            await tombstone(g, actor);
          },
          log,
          tuning: deps.purge,
        },
        target,
      );
      log.info({ ...result, targetUserId: target.userId, userId: actor.userId }, 'user purged');
      await audit({
        platform: actor.platform,
        workspaceId: actor.workspaceId,
        channelId: actor.channelId,
        userId: actor.userId,
        action: 'purge',
        targetId: null,
        details: { targetUserId: target.userId, deleted: result.deleted, failed: result.failed },
        source: 'deletion',
      });
      return result;
    },

    onDeleted(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
