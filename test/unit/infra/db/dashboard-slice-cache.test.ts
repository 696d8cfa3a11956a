import { describe, expect, it } from 'vitest';
import { emptySlice, type UsageSlice, userKey } from '../../../../src/infra/db/dashboard-slice.js';
import { createSliceCache } from '../../../../src/infra/db/dashboard-slice-cache.js';

/** A slice weighing 1 + users. */
function sliceOf(users: number): UsageSlice {
  const slice = emptySlice();
  for (let i = 0; i < users; i++) slice.users.set(userKey('discord', 'g', `u${i}`), [1, 1, 0, 0, 0]);
  return slice;
}

describe('slice cache', () => {
  it('drops the least recently used slices once the weight passes the bound', () => {
    const cache = createSliceCache({ maxWeight: 10, maxAgeMs: 60_000 });
    const [a, b, c] = [sliceOf(3), sliceOf(3), sliceOf(3)]; // 4 each
    cache.set('a', a, 0);
    cache.set('b', b, 0);
    expect(cache.get('a', 0)).toBe(a); // a is now the most recent
    cache.set('c', c, 0);
    expect(cache.weight).toBe(8);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(a);
    expect(cache.get('c', 0)).toBe(c);
  });

  it('keeps nothing heavier than the bound, and replaces a key without counting it twice', () => {
    const cache = createSliceCache({ maxWeight: 10, maxAgeMs: 60_000 });
    cache.set('big', sliceOf(10), 0);
    expect(cache.size).toBe(0);
    cache.set('a', sliceOf(2), 0);
    cache.set('a', sliceOf(4), 0);
    expect([cache.size, cache.weight]).toEqual([1, 5]);
  });

  it('forgets a slice once it is maxAgeMs old', () => {
    const cache = createSliceCache({ maxWeight: 100, maxAgeMs: 1000 });
    const a = sliceOf(1);
    cache.set('a', a, 0);
    expect(cache.get('a', 999)).toBe(a);
    expect(cache.get('a', 1000)).toBeUndefined();
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });
});
