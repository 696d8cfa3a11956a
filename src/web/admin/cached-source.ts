import { LRUCache } from 'lru-cache';
import type { Clock } from '../../core/ports.js';
import type { DashboardQuery, DashboardSource, UsageReport } from '../../core/usage/usage-report.js';

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
  const reports = new LRUCache<string, Promise<UsageReport>>({
    max: 32,
    ttl: ttlMs,
    // Ask the clock on every lookup (lru-cache otherwise reuses a reading for 1 ms; tests move the clock).
    ttlResolution: 0,
    perf: clock,
  });
  return {
    report(query: DashboardQuery) {
      const key = JSON.stringify([
        query.from,
        query.to,
        query.bucketMs,
        query.workspace ?? null,
        query.model ?? null,
      ]);
      const hit = reports.get(key);
      if (hit) return hit;
      const report = source.report(query);
      // A failed read is not kept: the next request tries again.
      report.catch(() => reports.delete(key));
      reports.set(key, report);
      return report;
    },
  };
}
