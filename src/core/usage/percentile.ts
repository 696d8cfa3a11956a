/** One bin of a duration histogram: how many values fell in it, and the smallest and largest of them. */
export interface Bin {
  /** Orders bins (larger key: larger values; bins do not overlap). */
  key: number;
  count: number;
  min: number;
  max: number;
}

/**
 * Nearest-rank percentile (the ceil(n·p)-th smallest value) from a histogram. Exact when the rank falls in
 * a bin holding one distinct value; otherwise interpolated between that bin's min and max by the rank's
 * place inside it, so the error is at most the bin's width. Bins with the same key are merged.
 */
export function percentile(bins: readonly Bin[], p: number): number | null {
  const merged = new Map<number, Bin>();
  for (const bin of bins) {
    const seen = merged.get(bin.key);
    merged.set(
      bin.key,
      seen
        ? {
            key: bin.key,
            count: seen.count + bin.count,
            min: Math.min(seen.min, bin.min),
            max: Math.max(seen.max, bin.max),
          }
        : { ...bin },
    );
  }
  const sorted = [...merged.values()].sort((a, b) => a.key - b.key);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(n * p));
  let before = 0;
  for (const bin of sorted) {
    if (rank <= before + bin.count) {
      if (bin.count === 1 || bin.min === bin.max) return bin.min;
      return Math.round(bin.min + ((bin.max - bin.min) * (rank - before - 1)) / (bin.count - 1));
    }
    before += bin.count;
  }
  return sorted.at(-1)!.max;
}
