import type { SeenKeys } from './ports.js';

/**
 * SeenKeys in this process only, bounded: at most `capacity` keys (the oldest go first when full), each kept
 * until its time is up. What one process uses without REDIS_URL, and the Redis store's stand-in while Redis
 * cannot be reached.
 */
export function createMemorySeenKeys(capacity = 10_000, now: () => number = Date.now): SeenKeys {
  /** Key → when it may be claimed again. A Map iterates in insertion order: the first entry is the oldest. */
  const keys = new Map<string, number>();
  return {
    async claim(key, ttlMs) {
      const at = now();
      const until = keys.get(key);
      if (until !== undefined && until > at) return false;
      keys.delete(key);
      keys.set(key, at + ttlMs);
      if (keys.size > capacity) keys.delete(keys.keys().next().value as string);
      return true;
    },
    async close() {
      keys.clear();
    },
  };
}
