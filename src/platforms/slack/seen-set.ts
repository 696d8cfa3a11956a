/**
 * Remembers the last `capacity` ids. Used for Events API event ids (Slack re-sends an event it thinks was
 * not acked, with X-Slack-Retry-Num, and each must be handled once) and for jobs already posted.
 */
export function createSeenSet(capacity = 2_000) {
  const seen = new Set<string>();
  let repeats = 0;
  return {
    /** True the first time an id is seen; false for a repeat. */
    firstTime(id: string): boolean {
      if (seen.has(id)) {
        repeats++;
        return false;
      }
      seen.add(id);
      // A Set iterates in insertion order: the first entry is the oldest.
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
      return true;
    },
    repeats: () => repeats,
    size: () => seen.size,
  };
}

export type SeenSet = ReturnType<typeof createSeenSet>;
