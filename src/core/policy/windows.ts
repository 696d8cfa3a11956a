/** Fixed UTC windows: quotas reset on the hour, at midnight and on the first of the month (UTC). */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Window {
  start: number;
  end: number;
}

export const hourWindow = (now: number): Window => {
  const start = Math.floor(now / HOUR) * HOUR;
  return { start, end: start + HOUR };
};

export const dayWindow = (now: number): Window => {
  const start = Math.floor(now / DAY) * DAY;
  return { start, end: start + DAY };
};

export const monthWindow = (now: number): Window => {
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return { start, end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
};

/** "14:00 UTC" today, "14:00 UTC on 2026-03-02" on another day. */
export function formatReset(resetsAt: number, now: number): string {
  const iso = new Date(resetsAt).toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10)
    ? time
    : `${time} on ${iso.slice(0, 10)}`;
}

export const formatUsd = (micros: number): string => `$${(micros / 1_000_000).toFixed(2)}`;
