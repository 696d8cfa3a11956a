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

/**
 * When the hourly window resets, as a person is told it: "14:00 UTC", and "00:00 UTC on 2026-11-22" when
 * that is already tomorrow (UTC).
 */
export function nextHourReset(now = Date.now()): string {
  const at = new Date(Math.ceil(now / HOUR) * HOUR).toISOString();
  const time = `${at.slice(11, 16)} UTC`;
  return at.slice(0, 10) === new Date(now).toISOString().slice(0, 10)
    ? time
    : `${time} on ${at.slice(0, 10)}`;
}
