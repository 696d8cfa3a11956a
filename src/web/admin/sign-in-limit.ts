import type { Logger } from '../../core/logger.js';

/** The default window of failed sign-ins. */
export const SIGN_IN_WINDOW_MS = 60_000;

export interface SignInLimitOptions {
  /** Failed sign-ins one address may make per window before it is locked out (default 10). */
  limit?: number;
  /** The fixed window, which is also how long a lockout lasts at most (default 60 s). */
  windowMs?: number;
  /** Addresses tracked at once; past it the oldest is dropped, its count logged first (default 10,000). */
  maxAddresses?: number;
}

interface Window {
  start: number;
  failures: number;
  /** Requests answered 429 in this window. */
  refused: number;
}

/**
 * Failed /admin sign-ins per client address, in fixed windows. Once an address has failed `limit` times in
 * a window, every request it makes to /admin is refused until the window ends, the right token included,
 * so a guesser learns nothing while locked out. Failures are logged once per address per window, with
 * their count, when the window closes (or its entry is dropped), instead of one line per attempt.
 */
export function createSignInLimit(log: Logger, options: SignInLimitOptions = {}) {
  const limit = options.limit ?? 10;
  const windowMs = options.windowMs ?? SIGN_IN_WINDOW_MS;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const windows = new Map<string, Window>();

  const report = (address: string, w: Window) => {
    if (w.failures === 0) return;
    log.warn(
      {
        address,
        failures: w.failures,
        lockedOut: w.failures >= limit,
        refusedWhileLocked: w.refused,
        windowStart: new Date(w.start).toISOString(),
        windowSeconds: windowMs / 1000,
      },
      'dashboard sign-in failures',
    );
  };
  /** The address's current window, after closing (and logging) an expired one. */
  const current = (address: string, now: number): Window | undefined => {
    const w = windows.get(address);
    if (w && now - w.start >= windowMs) {
      windows.delete(address);
      report(address, w);
      return undefined;
    }
    return w;
  };

  return {
    /** Seconds until the address may try again, or undefined when it is not locked out. */
    lockedFor(address: string, now: number): number | undefined {
      const w = current(clientKey(address), now);
      if (!w || w.failures < limit) return undefined;
      w.refused++;
      return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
    },
    failed(address: string, now: number): void {
      const key = clientKey(address);
      let w = current(key, now);
      if (!w) {
        if (windows.size >= maxAddresses) sweep(now);
        const oldest = windows.size >= maxAddresses ? windows.keys().next().value : undefined;
        if (oldest !== undefined) {
          report(oldest, windows.get(oldest)!);
          windows.delete(oldest);
        }
        w = { start: now, failures: 0, refused: 0 };
        windows.set(key, w);
      }
      w.failures++;
    },
    /** Closes (and logs) every expired window; run periodically so a burst is logged without a later visit. */
    sweep,
    get tracked(): number {
      return windows.size;
    },
  };

  function sweep(now: number): void {
    for (const address of [...windows.keys()]) current(address, now);
  }
}

export type SignInLimit = ReturnType<typeof createSignInLimit>;

/**
 * The unit an attacker controls: one IPv4 address, or one IPv6 /64 (a single host is commonly handed a
 * whole /64, so counting full IPv6 addresses would let it rotate through them).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
