import type { RetryPolicy } from '../retry.js';

/** Capped exponential backoff with full jitter: attempt n waits random · min(cap, base · 2^(n-1)). */
export type BackoffPolicy = RetryPolicy;

/** Retry budgets of the generation service. Production uses the defaults; tests shorten them. */
export interface GenerationTuning {
  /** Storing the image: a storage outage delays a job (status stays 'storing'), it does not lose it. */
  store?: Partial<BackoffPolicy>;
  /** Reading and writing job records: a busy or unreachable database delays a job, it does not crash it. */
  record?: Partial<BackoffPolicy>;
  /** Jitter source for both (tests inject a fixed one so delays are known). */
  random?: () => number;
}

export interface ResolvedTuning {
  store: BackoffPolicy;
  record: BackoffPolicy;
  random: () => number;
}

export const DEFAULT_STORE_BACKOFF: BackoffPolicy = { attempts: 12, baseMs: 1_000, capMs: 60_000 };
/** About 11 s of waiting at most, on top of the database's own busy timeout per attempt. */
export const DEFAULT_RECORD_BACKOFF: BackoffPolicy = { attempts: 8, baseMs: 100, capMs: 5_000 };

export function resolveTuning(tuning: GenerationTuning = {}): ResolvedTuning {
  return {
    store: { ...DEFAULT_STORE_BACKOFF, ...tuning.store },
    record: { ...DEFAULT_RECORD_BACKOFF, ...tuning.record },
    random: tuning.random ?? Math.random,
  };
}
