import type { Logger } from '../logger.js';
import type { Generation, GenerationRepository, GenerationStatus } from '../types.js';
import { DELETABLE_STATUSES } from './deletion-rules.js';
import type { PurgeResult, PurgeTarget } from './deletion-types.js';

export interface PurgeTuning {
  /** Results read per history page (default 50). */
  batchSize?: number;
  /** Results deleted at once within a page (default 4). */
  parallel?: number;
  /** Give up after this many failures in a row (storage is down): the rest count as failed (default 5). */
  maxConsecutiveFailures?: number;
}

export interface PurgeDeps {
  generations: Pick<GenerationRepository, 'history'>;
  /** Turns one result into a tombstone; throws when it could not (it is then left as it was). */
  tombstone(generation: Generation): Promise<void>;
  log: Logger;
  tuning?: PurgeTuning | undefined;
}

/**
 * Every deletable result of one user, page by page, newest first. Deleted results leave the listing and
 * failed ones stay at its front, so the next page starts after the failures: one pass, and a second run
 * picks up exactly what the first left.
 */
export async function purgeResults(deps: PurgeDeps, target: PurgeTarget): Promise<PurgeResult> {
  const batchSize = deps.tuning?.batchSize ?? 50;
  const parallel = Math.max(1, deps.tuning?.parallel ?? 4);
  const maxConsecutive = deps.tuning?.maxConsecutiveFailures ?? 5;
  const scope = { userId: target.userId, platform: target.platform, workspaceId: target.workspaceId };
  const page = (status: GenerationStatus, limit: number, offset: number) =>
    deps.generations.history({ ...scope, status, limit, offset });
  const result: PurgeResult = { deleted: 0, failed: 0 };
  let inARow = 0;

  for (const status of DELETABLE_STATUSES) {
    let failedHere = 0;
    for (;;) {
      const { items } = await page(status, batchSize, failedHere);
      if (items.length === 0) break;
      for (let i = 0; i < items.length; i += parallel) {
        const outcomes = await Promise.allSettled(items.slice(i, i + parallel).map(deps.tombstone));
        for (const [j, outcome] of outcomes.entries()) {
          if (outcome.status === 'fulfilled') {
            result.deleted++;
            inARow = 0;
            continue;
          }
          failedHere++;
          inARow++;
          deps.log.warn(
            { err: outcome.reason, jobId: items[i + j]?.id, userId: target.userId },
            'purge could not delete a result',
          );
        }
        if (inARow >= maxConsecutive) {
          // Storage is down: stop hammering it and report everything still there as failed.
          const left = await Promise.all(DELETABLE_STATUSES.map((s) => page(s, 1, 0)));
          result.failed = left.reduce((sum, p) => sum + p.total, 0);
          return result;
        }
      }
    }
    result.failed += failedHere;
  }
  return result;
}
