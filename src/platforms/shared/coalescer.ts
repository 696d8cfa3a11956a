import type { Logger } from '../../core/logger.js';

/**
 * What the adapters use as `settleMs`: a state that is replaced within this time (queued → generating
 * for a job that starts at once, storing → done) is never shown on its own, which saves an edit per job
 * without hiding any state that lasts.
 */
export const EDIT_SETTLE_MS = 300;

export interface CoalescerOptions<T> {
  /** Least time between two sends for one key (chat edits are rate limited per message). */
  intervalMs: number;
  /**
   * How long a non-final change waits before it is sent (default 0), counted from the first change not
   * yet sent: changes that follow within it are merged into one edit showing the latest.
   */
  settleMs?: number;
  send(key: string, item: T): Promise<void>;
  /** Whether `next` is worth sending after `prev` was sent. */
  meaningful(prev: T | undefined, next: T): boolean;
  /** Final items are never dropped and are sent as soon as the previous send finished. */
  isFinal(item: T): boolean;
  now?: () => number;
  log: Logger;
  /** Retries of a failed send (a dropped socket, a 5xx) before giving up on it; backoff doubles from 1 s. */
  retries?: number;
  retryBaseMs?: number;
}

interface KeyState<T> {
  sent: T | undefined;
  sentAt: number;
  pending: T | undefined;
  /** When `pending` was filled after the last send (the settle time counts from here). */
  pendingSince: number;
  timer: NodeJS.Timeout | undefined;
  inFlight: Promise<void> | undefined;
  failures: number;
  retryAt: number;
}

/**
 * Turns a stream of status updates per chat message into a handful of edits: at most one per interval,
 * only on meaningful change, always the latest state, and always the final one.
 */
export function createCoalescer<T>(options: CoalescerOptions<T>) {
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 1_000;
  const settleMs = options.settleMs ?? 0;
  const states = new Map<string, KeyState<T>>();
  const idle = new Set<() => void>();

  const isIdle = () => {
    for (const state of states.values())
      if (state.pending !== undefined || state.inFlight || state.timer) return false;
    return true;
  };
  // Only checked while someone is draining: drain is rare, sends are not.
  const settle = () => {
    if (idle.size === 0 || !isIdle()) return;
    for (const resolve of idle) resolve();
    idle.clear();
  };

  function flush(key: string, state: KeyState<T>) {
    state.timer = undefined;
    if (state.inFlight || state.pending === undefined) return;
    const item = state.pending;
    state.pending = undefined;
    state.sent = item;
    state.sentAt = now();
    state.inFlight = options
      .send(key, item)
      .then(
        () => {
          state.failures = 0;
          state.retryAt = 0;
        },
        (error: unknown) => {
          // A failed send is retried unless a newer state replaced it; a lost final edit would leave a finished
          // job looking unfinished.
          state.failures++;
          if (state.failures > retries) {
            options.log.warn({ err: error, key, attempts: state.failures }, 'chat update failed; giving up');
            state.failures = 0;
            return;
          }
          options.log.warn({ err: error, key, attempt: state.failures }, 'chat update failed; retrying');
          state.retryAt = now() + retryBaseMs * 2 ** (state.failures - 1);
          if (state.pending === undefined) {
            state.pending = item;
            state.pendingSince = now();
          }
        },
      )
      .finally(() => {
        state.inFlight = undefined;
        if (options.isFinal(item) && state.pending === undefined) states.delete(key);
        else schedule(key, state);
        settle();
      });
  }

  function schedule(key: string, state: KeyState<T>) {
    if (state.pending === undefined || state.timer || state.inFlight) return;
    const paced = options.isFinal(state.pending)
      ? 0
      : Math.max(state.sentAt + options.intervalMs, state.pendingSince + settleMs) - now();
    const wait = Math.max(0, paced, state.retryAt - now());
    if (wait === 0) flush(key, state);
    else state.timer = setTimeout(() => flush(key, state), wait);
  }

  function stateOf(key: string): KeyState<T> {
    let state = states.get(key);
    if (!state) {
      state = {
        sent: undefined,
        sentAt: 0,
        pending: undefined,
        pendingSince: 0,
        timer: undefined,
        inFlight: undefined,
        failures: 0,
        retryAt: 0,
      };
      states.set(key, state);
    }
    return state;
  }

  return {
    push(key: string, item: T) {
      const state = stateOf(key);
      const final = options.isFinal(item);
      if (!final && state.pending === undefined && !options.meaningful(state.sent, item)) return;
      if (state.pending !== undefined && options.isFinal(state.pending) && !final) return;
      if (state.pending === undefined) state.pendingSince = now();
      state.pending = item;
      if (final && state.timer) {
        clearTimeout(state.timer);
        state.timer = undefined;
      }
      schedule(key, state);
    },
    /**
     * Records `item` as shown just now without sending it (a message posted with it): the next send waits
     * for the interval and a meaningful change. Ignored once anything is pending or in flight for `key`.
     */
    markSent(key: string, item: T) {
      const state = stateOf(key);
      if (state.pending !== undefined || state.inFlight || state.timer) return;
      state.sent = item;
      state.sentAt = now();
    },
    /**
     * Sends every pending item now, without waiting for its interval, and resolves once nothing is in
     * flight. For shutdown: unlike drain(), it does not wait for jobs that have not reached a final state.
     */
    async flush(): Promise<void> {
      for (;;) {
        for (const [key, state] of states) {
          if (state.pending === undefined || state.inFlight) continue;
          if (state.timer) clearTimeout(state.timer);
          flush(key, state);
        }
        const busy = [...states.values()].flatMap((s) => (s.inFlight ? [s.inFlight] : []));
        if (busy.length === 0) return;
        await Promise.all(busy);
      }
    },
    /** Resolves once nothing is pending, scheduled or in flight (jobs still running may push more later). */
    drain(): Promise<void> {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idle.add(resolve));
    },
    size: () => states.size,
  };
}
