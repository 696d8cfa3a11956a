import type { Logger } from '../../core/logger.js';
import { isLimiterStateLost, type LimiterHandle } from './bottleneck-limiter.js';
import { withDeadline } from './deadline.js';

/** Bottleneck's own heartbeat interval when none is set. */
const DEFAULT_HEARTBEAT_MS = 5_000;
/** The watch looks at most this often, so Bottleneck's 1 s capacity hand-over between processes fits. */
const MIN_WATCH_MS = 1_000;
/** How long the limiter may take to say whether a job could start now; Redis answers PING within 1 s too. */
const CHECK_TIMEOUT_MS = 1_000;
/** Consecutive looks at a stalled limiter before it is rebuilt. */
const STALL_STRIKES = 2;

export interface StallWatchOptions {
  heartbeatIntervalMs: number | undefined;
  log: Logger;
  /** Jobs handed to the limiter that have not started. */
  handed(): number;
  /** The scheduler is stopping or already rebuilding: nothing to look at. */
  busy(): boolean;
  current(): LimiterHandle;
  /** Whether Redis answers PING. */
  reachable(): Promise<boolean>;
  /** The limiter's state is gone from Redis (the scheduler's usual handling of that error). */
  onStateLost(handle: LimiterHandle, error: unknown): void;
  rebuild(): void;
}

export interface StallWatch {
  /** A job started: the limiter is not stalled. */
  started(): void;
  stop(): void;
}

/**
 * A clustered limiter can hold jobs and start none without ever reporting an error: after a Redis restart
 * its connection setup or its subscription to capacity messages may never be answered, and every job it
 * took then waits forever. So, one look per heartbeat: jobs are handed, none started since the last look,
 * and Redis answers. If the limiter then cannot say within a second whether a job could start, or says one
 * could (it holds jobs while the shared limit has room, so it missed the capacity messages), that is a
 * strike; two in a row rebuild it. A limiter that says no is waiting for slots other processes hold.
 */
export function startStallWatch(options: StallWatchOptions): StallWatch {
  let watching = false;
  let startsSinceWatch = 0;
  let strikes = 0;

  async function look(): Promise<void> {
    if (watching || options.busy()) return;
    const handed = options.handed();
    if (handed === 0 || startsSinceWatch > 0) {
      startsSinceWatch = 0;
      strikes = 0;
      return;
    }
    watching = true;
    const looked = options.current();
    let stall: string | undefined;
    try {
      // Unreachable Redis is an outage: the jobs wait for it, and the limiter reports it when it is back.
      if (!(await options.reachable())) {
        strikes = 0;
        return;
      }
      stall = await withDeadline(looked.limiter.check(1), CHECK_TIMEOUT_MS, 'no answer').then(
        (couldStart) => (couldStart ? 'a job could start now' : undefined),
        (error: unknown) => {
          if (!isLimiterStateLost(error)) return error instanceof Error ? error.message : String(error);
          options.onStateLost(looked, error);
          return undefined;
        },
      );
    } finally {
      watching = false;
    }
    // A job started, or the limiter was replaced, while we looked: nothing is stuck.
    if (looked !== options.current() || startsSinceWatch > 0 || stall === undefined) {
      strikes = 0;
      return;
    }
    if (++strikes < STALL_STRIKES) return;
    strikes = 0;
    options.log.warn(
      { waiting: handed, looks: STALL_STRIKES, check: stall },
      'the limiter holds jobs and starts none although Redis answers; rebuilding it',
    );
    options.rebuild();
  }

  const every = Math.max(options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS, MIN_WATCH_MS);
  const timer = setInterval(() => void look(), every);
  timer.unref();
  return {
    started() {
      startsSinceWatch++;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
