import type { JobCounts, UsageReport } from '../../core/usage/usage-report.js';
import type { DashboardSelection } from './dashboard-query.js';

const iso = (ms: number) => new Date(ms).toISOString();
const withUsd = <T extends JobCounts>(c: T) => ({ ...c, costUsd: c.costMicros / 1_000_000 });

/**
 * GET /admin/usage.json: the report as the page shows it, for scripts. Times are ISO strings (UTC);
 * costs are given exactly in micro-dollars (costMicros) and as dollars (costUsd).
 */
export function usageJson(selection: DashboardSelection, report: UsageReport, generatedAt: number) {
  return {
    range: selection.range,
    bucketMs: report.query.bucketMs,
    from: iso(report.query.from),
    to: iso(report.query.to),
    generatedAt: iso(generatedAt),
    filters: { workspace: selection.workspace ?? null, model: selection.model ?? null },
    totals: withUsd(report.totals),
    latency: report.latency,
    buckets: report.buckets.map((b) => ({ ...withUsd(b), start: iso(b.start) })),
    failuresByClass: report.failuresByClass,
    workspaces: report.workspaces.map(withUsd),
    models: report.models.map(withUsd),
    topUsers: report.topUsers.map(withUsd),
    choices: report.choices,
  };
}

export type UsageJson = ReturnType<typeof usageJson>;
