import type { Clock } from '../../core/ports.js';
import type { DashboardQuery, DashboardSource, UsageReport } from '../../core/usage/usage-report.js';

const MAX_ENTRIES = 32;

/**
 * Keeps each report for `ttlMs`: a 30-day report reads every job of the month, and people flip between
 * filters (and scripts poll the JSON) far more often than the numbers change. Windows end on a bucket
 * boundary, so the same selection maps to the same key until the next bucket starts.
 */
export function cacheReports(
  source: DashboardSource,
  ttlMs: number,
  clock: Pick<Clock, 'now'>,
): DashboardSource {
  const entries = new Map<string, { at: number; report: Promise<UsageReport> }>();
  return {
    report(query: DashboardQuery) {
      const key = JSON.stringify([
        query.from,
        query.to,
        query.bucketMs,
        query.workspace ?? null,
        query.model ?? null,
      ]);
      const now = clock.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.report;
      const report = source.report(query);
      // A failed read is not kept: the next request tries again.
      report.catch(() => entries.delete(key));
      entries.delete(key);
      entries.set(key, { at: now, report });
      // Oldest first in a Map: drop from the front.
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      return report;
    },
  };
}
