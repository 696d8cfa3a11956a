import { LRUCache } from 'lru-cache';

/** Remembers the last `max` keys added, so long-running processes do not grow without bound. */
export function createRecentSet(max = 10_000) {
  const keys = new LRUCache<string, true>({ max });
  return {
    has: (key: string) => keys.has(key),
    add: (key: string) => void keys.set(key, true),
  };
}
