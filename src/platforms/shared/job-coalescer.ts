import type { Logger } from '../../core/logger.js';
import { isMeaningfulChange, isTerminal, type JobUpdate } from '../../core/status.js';
import type { Generation } from '../../core/types.js';
import { createCoalescer } from './coalescer.js';

/** One job's state as both adapters' status messages show it. */
export interface JobItem {
  generation: Generation;
  update: JobUpdate;
}

/**
 * The edit policy both adapters share for a job's message: at most one edit per interval, only meaningful
 * changes (see core/status.ts), states replaced within `settleMs` never shown on their own, finals always.
 */
export function createJobCoalescer(options: {
  intervalMs?: number;
  settleMs?: number;
  now?: () => number;
  send(jobId: string, item: JobItem): Promise<void>;
  log: Logger;
}) {
  return createCoalescer<JobItem>({
    intervalMs: options.intervalMs ?? 1_000,
    ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    send: options.send,
    meaningful: (prev, next) => isMeaningfulChange(prev?.update, next.update),
    isFinal: (item) => isTerminal(item.update),
    log: options.log,
  });
}
