import { formatReset, hourWindow } from '../../src/core/policy/windows.js';

/** Hourly and daily (UTC) windows in tests that run on the real clock. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Waits past the next boundary of `periodMs` windows when it is under 20 s away, so counts cannot reset mid-test. */
export async function clearOfBoundary(periodMs: number): Promise<void> {
  const left = periodMs - (Date.now() % periodMs);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
}

export const clearOfHourBoundary = () => clearOfBoundary(HOUR);

/** "Earlier today" (UTC) at `now`: two hours before, or half the time since midnight when that is less. */
export const earlierToday = (now: number) => Math.min(2 * HOUR, (now % DAY) / 2);

/** When the current hourly window resets, as the bot tells people (its own formatting: "14:00 UTC", or with the date). */
export const nextHourReset = (now = Date.now()): string => formatReset(hourWindow(now).end, now);
