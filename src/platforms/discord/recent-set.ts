/** Remembers the last `max` keys (insertion order), so long-running processes do not grow without bound. */
export function createRecentSet(max = 10_000) {
  const keys = new Set<string>();
  return {
    has: (key: string) => keys.has(key),
    add(key: string) {
      keys.delete(key);
      keys.add(key);
      if (keys.size > max) {
        const oldest = keys.values().next().value;
        if (oldest !== undefined) keys.delete(oldest);
      }
    },
  };
}
