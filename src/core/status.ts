import type { ErrorClass } from './errors.js';
import type { Generation } from './types.js';

/** What happened to a job, as the front-ends render it. The record carries the rest (urls, seed, model). */
export type JobUpdate =
  | { kind: 'queued'; position: number; etaMs: number | null }
  | { kind: 'submitted'; providerPosition: number | null }
  | { kind: 'generating'; progress: number | null }
  | { kind: 'storing' }
  | { kind: 'done'; reused: boolean }
  | { kind: 'failed'; errorClass: ErrorClass; message: string; retryable: boolean; reference: string }
  | { kind: 'blocked'; message: string };

export interface StatusEvent {
  generation: Generation;
  update: JobUpdate;
  at: number;
  /**
   * A finished job's outcome shown again after a restart (its message may not show it yet): for the chat
   * adapters only; counters and alerts saw it the first time.
   */
  replayed?: boolean;
}

export type StatusListener = (event: StatusEvent) => void;

const TERMINAL = new Set<JobUpdate['kind']>(['done', 'failed', 'blocked']);

export const isTerminal = (update: JobUpdate): boolean => TERMINAL.has(update.kind);

/**
 * Whether `next` is worth a chat edit after `prev` was shown. Chat APIs are rate limited per message and per
 * channel, and a burst of 500 jobs re-ranks every waiting job on each start: measured, queue-position edits were
 * ~90 % of all chat calls. So the place in line (with its estimate) is shown once and the next edit is the job
 * generating; progress is shown in steps of 20 %; other state changes always count.
 */
export function isMeaningfulChange(prev: JobUpdate | undefined, next: JobUpdate): boolean {
  if (!prev) return true;
  // Handing the job to the provider is news only when it has to wait in the provider's own queue.
  if (next.kind === 'submitted') return prev.kind !== 'submitted' && (next.providerPosition ?? 0) > 0;
  if (prev.kind !== next.kind) return true;
  switch (next.kind) {
    case 'queued':
      return false;
    case 'generating': {
      const before = (prev as typeof next).progress ?? 0;
      return (next.progress ?? 0) - before >= 0.2 || (next.progress === 1 && before !== 1);
    }
    default:
      return false;
  }
}

/** A short reference shown to users for errors we do not explain; it finds the log lines. */
export const referenceFor = (generationId: string): string => generationId.slice(0, 8).toUpperCase();
