/** The statistics the benchmarks report: percentiles, summaries and the makespan ideal. */

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Nearest-rank percentile (p in 0..100): the smallest value with at least p % of the values at or below
 * it, so every reported number was really observed. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0)
    return { count: 0, min: Number.NaN, p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return {
    count: values.length,
    min,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max,
    mean: sum / values.length,
  };
}

/** N jobs of L ms each through C slots, with nothing lost between them: ceil(N / C) · L. */
export function idealMakespanMs(n: number, concurrency: number, latencyMs: number): number {
  if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
  return Math.ceil(n / concurrency) * latencyMs;
}

/** Rounds for the report; NaN and infinities become null so the JSON line stays valid and honest. */
export function round(value: number, digits = 2): number | null {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
