import { describe, expect, it } from 'vitest';
import { idealMakespanMs, percentile, round, summarize } from '../../../bench/stats.js';

describe('percentile (nearest rank)', () => {
  it('picks an observed value: the smallest with at least p % of the values at or below it', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 0)).toBe(15);
  });

  it('does not depend on the input order and leaves the input alone', () => {
    const values = [9, 1, 5, 3, 7];
    expect(percentile(values, 50)).toBe(5);
    expect(values).toEqual([9, 1, 5, 3, 7]);
  });

  it('p99 of 500 values is the 495th smallest: the 5 slowest stay out', () => {
    const values = Array.from({ length: 500 }, (_, i) => 500 - i);
    expect(percentile(values, 99)).toBe(495);
  });

  it('is NaN for no values and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('reports count, min, p50, p99, max and mean', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, min: 1, p50: 2, p99: 4, max: 4, mean: 2.5 });
  });

  it('gives NaN everywhere but the count for no values', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect([s.min, s.p50, s.p99, s.max, s.mean].every(Number.isNaN)).toBe(true);
  });
});

describe('idealMakespanMs', () => {
  it('is ceil(N / C) rounds of L', () => {
    expect(idealMakespanMs(500, 4, 1000)).toBe(125_000);
    expect(idealMakespanMs(501, 4, 1000)).toBe(126_000);
    expect(idealMakespanMs(3, 4, 250)).toBe(250);
  });

  it('refuses a concurrency below 1', () => {
    expect(() => idealMakespanMs(10, 0, 1000)).toThrow(RangeError);
  });
});

describe('round', () => {
  it('rounds to the given digits', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(1.235, 1)).toBe(1.2);
    expect(round(1234.5, 0)).toBe(1235);
  });

  it('turns NaN and infinities into null, so the JSON line never claims a number it does not have', () => {
    expect(round(Number.NaN)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
    expect(JSON.stringify({ v: round(Number.NaN) })).toBe('{"v":null}');
  });
});
