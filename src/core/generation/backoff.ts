import type { Clock } from '../ports.js';

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  retryIf?: (error: unknown) => boolean;
  signal?: AbortSignal;
  onRetry?: (error: unknown, attempt: number) => void;
  /** Jitter source in [0, 1]; injected by tests so delays are known. */
  random?: () => number;
}

/** Retries with capped exponential backoff and full jitter; outages should delay a job, not lose it. */
export async function withBackoff<T>(
  clock: Clock,
  attempts: number,
  fn: (attempt: number) => Promise<T>,
  options: BackoffOptions = {},
): Promise<T> {
  const { baseMs = 500, capMs = 30_000, random = Math.random } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || options.signal?.aborted || (options.retryIf && !options.retryIf(error)))
        throw error;
      options.onRetry?.(error, attempt);
      const delay = random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));
      await clock.sleep(delay, options.signal);
    }
  }
}
