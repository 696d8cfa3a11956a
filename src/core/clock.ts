import type { Clock } from './ports.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal, options) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      if (options?.background) timer.unref();
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
export function runAfter(
  clock: Pick<Clock, 'sleep'>,
  ms: number,
  fn: () => void,
  options?: { background?: boolean },
): () => void {
  const cancel = new AbortController();
  clock.sleep(ms, cancel.signal, options).then(
    () => {
      if (!cancel.signal.aborted) fn();
    },
    () => {},
  );
  return () => cancel.abort();
}

/** Calls `fn` every `ms` on `clock` until the returned function stops it (a background timer). */
export function runEvery(clock: Pick<Clock, 'sleep'>, ms: number, fn: () => void): () => void {
  const stop = new AbortController();
  void (async () => {
    for (;;) {
      try {
        await clock.sleep(ms, stop.signal, { background: true });
      } catch {
        return;
      }
      if (stop.signal.aborted) return;
      fn();
    }
  })();
  return () => stop.abort();
}
