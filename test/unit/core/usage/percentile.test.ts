import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bin, percentile } from '../../../../src/core/usage/percentile.js';

const nearestRank = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(values.length * p)) - 1]!;
/** The repository's binning: 50 bins per unit of ln(ms). */
const binsOf = (values: number[]): Bin[] => {
  const map = new Map<number, Bin>();
  for (const v of values) {
    const key = Math.trunc(Math.log(Math.max(v, 1)) * 50);
    const bin = map.get(key) ?? { key, count: 0, min: v, max: v };
    map.set(key, { key, count: bin.count + 1, min: Math.min(bin.min, v), max: Math.max(bin.max, v) });
  }
  return [...map.values()];
};

describe('percentile from duration bins', () => {
  it('is null without values and exact when every bin holds one distinct value', () => {
    expect(percentile([], 0.5)).toBeNull();
    const values = [1000, 2000, 3000, 4000, 5000, 7000, 8000, 9000, 10_000];
    expect(percentile(binsOf(values), 0.5)).toBe(5000);
    expect(percentile(binsOf(values), 0.95)).toBe(10_000);
    expect(percentile(binsOf([42, 42, 42]), 0.95)).toBe(42);
  });

  it('stays within a bin (2 %) of the exact nearest-rank value, bins merged across buckets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 50, max: 600_000 }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.5, 0.95),
        fc.integer({ min: 1, max: 4 }),
        (values, p, parts) => {
          // Split into "buckets" the way the repository returns them, then merge.
          const chunks = Array.from({ length: parts }, (_, i) => values.filter((_, j) => j % parts === i));
          const got = percentile(chunks.flatMap(binsOf), p)!;
          const want = nearestRank(values, p);
          expect(Math.abs(got - want) / want).toBeLessThanOrEqual(0.021);
        },
      ),
    );
  });
});
