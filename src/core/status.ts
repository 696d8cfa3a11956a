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
}

export type StatusListener = (event: StatusEvent) => void;

const TERMINAL = new Set<JobUpdate['kind']>(['done', 'failed', 'blocked']);

export const isTerminal = (update: JobUpdate): boolean => TERMINAL.has(update.kind);

/**
 * Whether `next` is worth a chat edit after `prev` was shown. Chat APIs are rate limited, so small moves
 * (queue position 40 → 39, progress 51 % → 53 %) are skipped; state changes always count.
 */
export function isMeaningfulChange(prev: JobUpdate | undefined, next: JobUpdate): boolean {
  if (!prev || prev.kind !== next.kind) return true;
  switch (next.kind) {
    case 'queued': {
      const before = (prev as typeof next).position;
      if (before === next.position) return false;
      return next.position <= 5 || Math.abs(before - next.position) / before >= 0.1;
    }
    case 'submitted':
      return (prev as typeof next).providerPosition !== next.providerPosition;
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
