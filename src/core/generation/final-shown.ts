import { runAfter } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import { type JobUpdate, referenceFor } from '../status.js';
import type { Generation, GenerationRepository } from '../types.js';
import { BLOCKED_MESSAGE, fatalMessage } from './failure-update.js';

/** How far back a start looks for finished jobs whose message may not show the outcome. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many are shown again at one start (newest kept: they are the ones people are looking at). */
export const REPLAY_LIMIT = 1_000;

/** The final update a finished record stands for, as its message should show it; undefined if unfinished. */
export function finalUpdateOf(generation: Generation): JobUpdate | undefined {
  switch (generation.status) {
    case 'done':
      return { kind: 'done', reused: generation.statusDetail?.startsWith('reused:') ?? false };
    case 'blocked':
      return { kind: 'blocked', message: generation.errorMessage ?? BLOCKED_MESSAGE };
    case 'failed': {
      const reference = referenceFor(generation.id);
      const errorClass = generation.errorClass ?? 'fatal';
      return {
        kind: 'failed',
        errorClass,
        message: generation.errorMessage ?? fatalMessage(reference),
        retryable: errorClass === 'retryable',
        reference,
      };
    }
    default:
      return undefined;
  }
}

/**
 * Records which jobs' messages showed their final state. Marks are written together about once a second
 * (one UPDATE for many jobs, not a write per job); a mark lost to a crash only means the message is edited
 * once more, with the same content, at the next start.
 */
export function createFinalShownLog(deps: {
  generations: GenerationRepository;
  clock: Clock;
  log: Logger;
  flushMs?: number;
}) {
  const pending = new Set<string>();
  let cancelTimer: (() => void) | undefined;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    cancelTimer?.();
    cancelTimer = undefined;
    if (pending.size === 0) return writing;
    const ids = [...pending];
    pending.clear();
    writing = writing
      .then(() => deps.generations.markFinalShown(ids, deps.clock.now()))
      .catch((error: unknown) =>
        // Not retried: the next start shows those messages' final state again, which is harmless.
        deps.log.warn({ err: error, count: ids.length }, 'could not record shown results'),
      );
    return writing;
  }

  return {
    mark(id: string): void {
      pending.add(id);
      if (pending.size >= 500) void flush();
      else
        cancelTimer ??= runAfter(deps.clock, deps.flushMs ?? 1_000, () => void flush(), { background: true });
    },
    /** Writes what is pending now (shutdown). */
    flush,
    /** Finished jobs of the last day whose message may still show an earlier state. */
    unshown: (): Promise<Generation[]> =>
      deps.generations.findUnshownFinals(deps.clock.now() - REPLAY_WINDOW_MS, REPLAY_LIMIT),
  };
}
