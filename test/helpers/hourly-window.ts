/** Hourly quota windows in end-to-end tests, which run on the real clock. */
export const HOUR = 3_600_000;

/** Waits past the next hour boundary when it is under 20 s away, so a test's count cannot reset mid-test. */
export async function clearOfHourBoundary(): Promise<void> {
  const toHour = HOUR - (Date.now() % HOUR);
  if (toHour < 20_000) await new Promise((r) => setTimeout(r, toHour + 100));
}

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
