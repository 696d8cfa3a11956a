import { ProviderError, StorageError, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import { withRetry } from '../retry.js';
import type { Generation, GenerationPatch, GenerationRepository } from '../types.js';
import type { BackoffPolicy } from './generation-tuning.js';

export interface RecordDeps {
  generations: GenerationRepository;
  clock: Clock;
  log: Logger;
  policy: BackoffPolicy;
  random: () => number;
}

/** Our own domain errors are answers, not outages: only the rest (the database's) is worth retrying. */
export const isRecordRetryable = (error: unknown): boolean =>
  !(error instanceof UserError || error instanceof ProviderError || error instanceof StorageError);

/** A database call retried with bounded backoff (a busy or briefly unreachable database). */
export function retryRecord<T>(
  deps: RecordDeps,
  what: string,
  fn: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return withRetry(fn, deps.policy, {
    clock: deps.clock,
    random: deps.random,
    retryIf: isRecordRetryable,
    signal,
    onRetry: ({ error, attempt }) =>
      deps.log.warn({ err: error, attempt, what }, 'database call failed; retrying'),
  });
}

/**
 * One job's record as this process knows it. Writes are retried with bounded backoff; a change that
 * still cannot be written is kept and sent with the next write, so a busy database delays a job but
 * never ends it, and the database never moves backwards.
 */
export class JobRecord {
  private pending: GenerationPatch = {};

  constructor(
    private readonly deps: RecordDeps,
    public current: Generation,
  ) {}

  /** True while some change exists only in memory (the database row is behind). */
  get behind(): boolean {
    return Object.keys(this.pending).length > 0;
  }

  /**
   * Writes the patch (with any change still unwritten). When the database stays unavailable the change
   * is kept in memory and false is returned; shutdown (an aborted signal) rethrows so the job parks.
   */
  async save(patch: GenerationPatch, signal?: AbortSignal): Promise<boolean> {
    const merged: GenerationPatch = { ...this.pending, ...patch, updatedAt: this.deps.clock.now() };
    try {
      this.current = await retryRecord(
        this.deps,
        `record ${patch.status ?? 'update'}`,
        // The record is ours while the job runs: merge into it rather than read the row back.
        () => this.deps.generations.update(this.current.id, merged, this.current),
        signal,
      );
      this.pending = {};
      return true;
    } catch (error) {
      if (signal?.aborted) throw error;
      this.pending = merged;
      this.current = { ...this.current, ...merged };
      this.deps.log.error(
        { err: error, status: merged.status },
        'could not write the job record; the change is kept for the next write',
      );
      return false;
    }
  }
}
