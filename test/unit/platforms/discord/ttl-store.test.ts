import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTtlStore } from '../../../../src/platforms/discord/ttl-store.js';

describe('ttl store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('forgets an entry after its time to live and says so once', () => {
    const expired: string[] = [];
    const store = createTtlStore<string>({ ttlMs: 1000, onExpire: (_id, v) => expired.push(v) });
    const id = store.put('menu');
    expect(id).toMatch(/^[\w-]{8}$/);
    vi.advanceTimersByTime(1000);
    expect(store.get(id)).toBe('menu');
    // Gone once its age exceeds the time to live (lru-cache keeps it at exactly ttlMs).
    vi.advanceTimersByTime(1);
    expect(store.get(id)).toBeUndefined();
    expect(expired).toEqual(['menu']);
  });

  it('restarts the time on each write; deleted entries do not expire', () => {
    const expired: string[] = [];
    const store = createTtlStore<string>({ ttlMs: 1000, onExpire: (_id, v) => expired.push(v) });
    const id = store.put('a');
    vi.advanceTimersByTime(800);
    expect(store.set(id, 'b')).toBe(true);
    vi.advanceTimersByTime(800);
    expect(store.get(id)).toBe('b');
    store.delete(id);
    expect(store.set(id, 'c')).toBe(false);
    store.restore(id, 'd');
    expect(store.get(id)).toBe('d');
    vi.advanceTimersByTime(1001);
    expect(expired).toEqual(['d']);
  });

  it('drops the oldest entry when full', () => {
    const store = createTtlStore<number>({ ttlMs: 1000, max: 2 });
    const [a, b, c] = [store.put(1), store.put(2), store.put(3)];
    expect([store.get(a), store.get(b), store.get(c)]).toEqual([undefined, 2, 3]);
    store.clear();
    expect(store.size()).toBe(0);
  });
});
