import type { Clock } from './ports.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export interface RetryOptions {
  /** Waits go through the clock, so tests on fake time control them. */
  clock: Pick<Clock, 'sleep'>;
  /** Whether a failure is worth another attempt (an outage) or is an answer (rethrown at once). */
  retryIf: (error: unknown) => boolean;
  /** Jitter source in [0, 1); tests pin it so delays are known. */
  random?: () => number;
  /** Once aborted (shutdown), the last failure is rethrown instead of retried, and a wait ends early. */
  signal?: AbortSignal | undefined;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Exponential backoff with full jitter: retry n (from 0) waits a random delay in [0, min(cap, base·2^n)). */
export function backoffDelay(
  policy: RetryPolicy,
  retryIndex: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** retryIndex));
}

/** Runs `fn` until it succeeds; outages delay the work, they do not lose it. Throws the last failure. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || options.signal?.aborted || !options.retryIf(error)) throw error;
      const delayMs = backoffDelay(policy, attempt - 1, options.random);
      options.onRetry?.({ attempt, delayMs, error });
      await options.clock.sleep(delayMs, options.signal);
    }
  }
}
