import type { Clock } from '../../src/core/ports.js';

/** Fake time: sleeps resolve only when `advance` moves the clock past their end. */
export function manualClock() {
  let now = 0;
  const sleepers: { until: number; resolve: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const sleeper = { until: now + ms, resolve };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(signal.reason);
        });
      }),
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = sleepers.filter((s) => s.until <= end).sort((a, b) => a.until - b.until)[0];
      if (!next) break;
      now = next.until;
      sleepers.splice(sleepers.indexOf(next), 1);
      next.resolve();
      // Let the woken code run (and schedule its next sleep) before time moves on.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = end;
  };
  return { clock, advance, pending: () => sleepers.length };
}
