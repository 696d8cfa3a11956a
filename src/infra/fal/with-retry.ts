export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  shouldRetry: (error: unknown) => boolean;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
}

/** Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^n)). */
export function backoffDelay(
  policy: RetryPolicy,
  retryIndex: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || deps.signal?.aborted || !deps.shouldRetry(error)) throw error;
      const delayMs = backoffDelay(policy, attempt - 1, deps.random);
      deps.onRetry?.({ attempt, delayMs, error });
      await deps.sleep(delayMs, deps.signal);
    }
  }
}
