const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Micro-dollars as dollars: cents for whole amounts, four decimals below a dollar (one image is ~$0.003). */
export function formatUsd(micros: number): string {
  const usd = micros / 1_000_000;
  if (usd === 0) return '$0';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en');

export const formatPercent = (part: number, whole: number): string =>
  whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '–';

/** Axis label of a bucket: `13:00` for hours, `01-15` for days (UTC). */
export function shortBucketLabel(start: number, bucketMs: number): string {
  const d = new Date(start);
  return bucketMs < 24 * HOUR
    ? `${pad(d.getUTCHours())}:00`
    : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Table label of a bucket: `2026-01-15 13:00` or `2026-01-15` (UTC). */
export function bucketLabel(start: number, bucketMs: number): string {
  const iso = new Date(start).toISOString();
  return bucketMs < 24 * HOUR ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

export const platformLabel = (platform: string): string =>
  ({ discord: 'Discord', slack: 'Slack', cli: 'CLI', web: 'Web' })[platform] ?? platform;
