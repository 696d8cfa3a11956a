/**
 * Runs tasks one at a time, at least `intervalMs` apart (counted from the start of the previous task, also
 * across idle spells: a purge's removals may trickle in one by one, each finding the queue empty).
 * Used for bulk chat clean-up that must stay under a platform's rate limits.
 */
export function createSpacedQueue<T>(intervalMs: number, run: (item: T) => Promise<void>) {
  const queue: T[] = [];
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastAt = Number.NEGATIVE_INFINITY;

  async function drain(): Promise<void> {
    for (let next = queue.shift(); next !== undefined && !stopped; next = queue.shift()) {
      const wait = lastAt + intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastAt = Date.now();
      await run(next);
    }
    running = undefined;
  }

  return {
    push(item: T): void {
      if (stopped) return;
      queue.push(item);
      running ??= drain();
    },
    /** Resolves once every queued task was tried. */
    idle: (): Promise<void> => running ?? Promise.resolve(),
    /** Drops what is still queued (the task running now finishes). */
    stop(): void {
      stopped = true;
      queue.length = 0;
    },
  };
}
