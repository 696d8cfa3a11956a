/** Timestamped entries of the last `windowMs`, oldest first; older ones are dropped as time moves on. */
export function createEventWindow<T>(windowMs: number) {
  const entries: { at: number; value: T }[] = [];
  const prune = (now: number) => {
    let drop = 0;
    while (drop < entries.length && (entries[drop]?.at ?? now) <= now - windowMs) drop++;
    if (drop > 0) entries.splice(0, drop);
  };
  return {
    add(at: number, value: T): void {
      entries.push({ at, value });
      prune(at);
    },
    /** The values still inside the window at `now`. */
    values(now: number): T[] {
      prune(now);
      return entries.map((e) => e.value);
    },
  };
}
