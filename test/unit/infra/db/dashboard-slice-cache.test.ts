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
  let now = 1; // lru-cache reads a start time of 0 as "no ttl"
  const clock = () => now;

  it('drops the least recently used slices once the weight passes the bound', () => {
    const cache = createSliceCache({ maxWeight: 10, maxAgeMs: 60_000 }, clock);
    const [a, b, c] = [sliceOf(3), sliceOf(3), sliceOf(3)]; // 4 each
    cache.set('a', a);
    cache.set('b', b);
    expect(cache.get('a')).toBe(a); // a is now the most recent
    cache.set('c', c);
    expect(cache.calculatedSize).toBe(8);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('c')).toBe(c);
  });

  it('keeps nothing heavier than the bound, and replaces a key without counting it twice', () => {
    const cache = createSliceCache({ maxWeight: 10, maxAgeMs: 60_000 }, clock);
    cache.set('big', sliceOf(10));
    expect(cache.size).toBe(0);
    cache.set('a', sliceOf(2));
    cache.set('a', sliceOf(4));
    expect([cache.size, cache.calculatedSize]).toEqual([1, 5]);
  });

  it('forgets a slice once it is older than maxAgeMs', () => {
    const cache = createSliceCache({ maxWeight: 100, maxAgeMs: 1000 }, clock);
    const a = sliceOf(1);
    cache.set('a', a);
    now += 1000;
    expect(cache.get('a')).toBe(a);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect([cache.size, cache.calculatedSize]).toEqual([0, 0]);
  });
});
