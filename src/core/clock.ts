import type { Clock } from './ports.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Calls `fn` once `ms` have passed on `clock`, unless the returned function cancels it first: a timer
 * that follows the injected clock, so tests with fake time decide when it fires.
 */
export function runAfter(clock: Pick<Clock, 'sleep'>, ms: number, fn: () => void): () => void {
  const cancel = new AbortController();
  clock.sleep(ms, cancel.signal).then(
    () => {
      if (!cancel.signal.aborted) fn();
    },
    () => {},
  );
  return () => cancel.abort();
}
