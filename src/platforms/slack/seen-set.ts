import { LRUCache } from 'lru-cache';

/**
 * Remembers the last `capacity` ids. Used for Events API event ids (Slack re-sends an event it thinks was
 * not acked, with X-Slack-Retry-Num, and each must be handled once) and for jobs already posted.
 */
export function createSeenSet(capacity = 2_000) {
  const seen = new LRUCache<string, true>({ max: capacity });
  return {
    /** True the first time an id is seen; false for a repeat. */
    firstTime(id: string): boolean {
      if (seen.has(id)) return false;
      seen.set(id, true);
      return true;
    },
    size: () => seen.size,
  };
}

export type SeenSet = ReturnType<typeof createSeenSet>;
