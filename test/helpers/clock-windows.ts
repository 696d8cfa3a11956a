import { systemClock } from '../../src/core/clock.js';
import { formatReset, hourWindow } from '../../src/core/policy/windows.js';
import type { Clock } from '../../src/core/ports.js';

/** Hourly and daily (UTC) windows in tests. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Where a clock clear of boundaries stands in its hour: one minute past the hour. */
const PAST_THE_HOUR = 60_000;

export type ShiftableClock = Clock & { advance(ms: number): void };

/** The real clock, moved on by `advance` (re-roll windows, timestamps); starts `skew` ms off the real time. */
export function shiftableClock(skew = 0): ShiftableClock {
  return {
    now: () => Date.now() + skew,
    sleep: systemClock.sleep,
    advance: (ms) => {
      skew += ms;
    },
  };
}

/**
 * A real-time clock shifted so that it reads one minute past the current hour when created: no hourly or
 * daily (UTC) window ends during the next 59 minutes, so counts cannot reset mid-test, and nobody waits
 * for a boundary to pass. The shift is backwards (never more than a minute forwards), so nothing the bot
 * dates with it looks older than it is.
 */
export const clockClearOfBoundaries = (now = Date.now()): ShiftableClock =>
  shiftableClock(PAST_THE_HOUR - (now % HOUR));

/** "Earlier today" (UTC) at `now`: two hours before, or half the time since midnight when that is less. */
export const earlierToday = (now: number) => Math.min(2 * HOUR, (now % DAY) / 2);

/** When the hourly window at `now` resets, as the bot tells people (its own formatting: "14:00 UTC", or with the date). */
export const nextHourReset = (now: number): string => formatReset(hourWindow(now).end, now);
