import { LRUCache } from 'lru-cache';
import type { SeenKeys } from './ports.js';

/**
 * SeenKeys in this process only, bounded: at most `capacity` keys (the least recently claimed go first
 * when full), each kept until its time is up. What one process uses without REDIS_URL, and the Redis
 * store's stand-in while Redis cannot be reached.
 */
export function createMemorySeenKeys(capacity = 10_000, now: () => number = Date.now): SeenKeys {
  // ttlResolution 0: read `now` on every check (an injected clock may jump between two claims).
  const keys = new LRUCache<string, true>({ max: capacity, ttlResolution: 0, perf: { now } });
  return {
    async claim(key, ttlMs) {
      if (keys.has(key)) return false;
      keys.set(key, true, { ttl: ttlMs });
      return true;
    },
    async close() {
      keys.clear();
    },
  };
}
