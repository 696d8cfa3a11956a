import { type Bin, percentile } from '../../core/usage/percentile.js';
import type {
  DashboardQuery,
  JobCounts,
  LatencyPoint,
  UsageBucket,
  UsageReport,
  UserUsage,
  WorkspaceRef,
} from '../../core/usage/usage-report.js';
import {
  addBin,
  addCounts,
  emptyCounts,
  type MixCounts,
  type UsageSlice,
  userKey,
} from './dashboard-slice.js';

const TOP_USERS = 10;

/** The window's buckets: [from, to) cut every bucketMs from `from` (the last one maybe shorter). */
export function bucketWindows(query: DashboardQuery): { start: number; end: number }[] {
  const count = Math.ceil((query.to - query.from) / query.bucketMs);
  return Array.from({ length: count }, (_, i) => {
    const start = query.from + i * query.bucketMs;
    return { start, end: Math.min(start + query.bucketMs, query.to) };
  });
}

/**
 * Merges one slice per bucket (added in any order) into the report: counts add up, duration histograms
 * merge bin by bin (so percentiles are exactly those of one histogram over the whole window), users add
 * up before the top ones are picked.
 */
export function createReportBuilder(query: DashboardQuery) {
  const buckets: UsageBucket[] = bucketWindows(query).map(({ start }) => ({
    start,
    ...emptyCounts(),
    latency: { total: emptyPoint(), provider: emptyPoint() },
  }));
  const totals = emptyCounts();
  const measured = { total: 0, provider: 0 };
  const bins = { total: new Map<number, Bin>(), provider: new Map<number, Bin>() };
  const failures = new Map<string, number>();
  const mix = new Map<string, MixCounts>();
  const users = new Map<string, number[]>();

  return {
    add(index: number, slice: UsageSlice): void {
      const bucket = buckets[index];
      if (!bucket) throw new RangeError(`no bucket ${index}`);
      addCounts(bucket, slice.counts);
      addCounts(totals, slice.counts);
      for (const kind of ['total', 'provider'] as const) {
        measured[kind] += slice.measured[kind];
        if (slice.measured[kind] > 0)
          bucket.latency[kind] = point([...slice.bins[kind].values()], slice.measured[kind]);
        for (const b of slice.bins[kind].values()) addBin(bins[kind], b.key, b.count, b.min, b.max);
      }
      for (const [errorClass, n] of slice.failures)
        failures.set(errorClass, (failures.get(errorClass) ?? 0) + n);
      for (const [key, m] of slice.mix) {
        const seen = mix.get(key);
        if (seen) addCounts(seen, m);
        else mix.set(key, { ...m });
      }
      for (const [key, u] of slice.users) {
        const seen = users.get(key);
        if (seen) for (let i = 0; i < u.length; i++) seen[i] = (seen[i] ?? 0) + (u[i] ?? 0);
        else users.set(key, [...u]);
      }
    },

    finish(): UsageReport {
      const ws = query.workspace;
      const workspaces = new Map<string, WorkspaceRef & JobCounts>();
      const models = new Map<string, { model: string } & JobCounts>();
      const choices = { workspaces: new Map<string, WorkspaceRef>(), models: new Set<string>() };
      // Sorted first so ties keep the order they had when SQL grouped them.
      for (const m of [...mix.values()].sort(byMixKey)) {
        const ref = { platform: m.platform, workspaceId: m.workspaceId };
        const key = userKey(ref.platform, ref.workspaceId, '');
        choices.workspaces.set(key, ref);
        choices.models.add(m.model);
        if (ws && (ws.platform !== ref.platform || ws.workspaceId !== ref.workspaceId)) continue;
        if (query.model !== undefined && query.model !== m.model) continue;
        addCounts(
          upsert(workspaces, key, () => ({ ...ref, ...emptyCounts() })),
          m,
        );
        addCounts(
          upsert(models, m.model, () => ({ model: m.model, ...emptyCounts() })),
          m,
        );
      }
      return {
        query,
        totals,
        latency: {
          total: point([...bins.total.values()], measured.total),
          provider: point([...bins.provider.values()], measured.provider),
        },
        buckets,
        failuresByClass: [...failures]
          .map(([errorClass, count]) => ({ errorClass, count }))
          .sort((a, b) => b.count - a.count || a.errorClass.localeCompare(b.errorClass)),
        workspaces: [...workspaces.values()].sort(byJobs),
        models: [...models.values()].sort(byJobs),
        topUsers: topUsers(users).sort((a, b) => byJobs(a, b) || a.userId.localeCompare(b.userId)),
        choices: {
          workspaces: [...choices.workspaces.values()].sort(
            (a, b) => a.platform.localeCompare(b.platform) || a.workspaceId.localeCompare(b.workspaceId),
          ),
          models: [...choices.models].sort(),
        },
      };
    },
  };
}

/** The heaviest users: most jobs, then most cost, then user id (one pass keeping the best few, no sort). */
function topUsers(users: Map<string, number[]>): UserUsage[] {
  const best: [string, number[]][] = [];
  const ahead = ([ka, a]: [string, number[]], [kb, b]: [string, number[]]) =>
    (a[0] ?? 0) - (b[0] ?? 0) || (a[4] ?? 0) - (b[4] ?? 0) || compare(idOf(kb), idOf(ka));
  for (const entry of users) {
    if (best.length === TOP_USERS && ahead(entry, best[TOP_USERS - 1]!) <= 0) continue;
    if (best.length === TOP_USERS) best.pop();
    let at = best.length;
    while (at > 0 && ahead(entry, best[at - 1]!) > 0) at--;
    best.splice(at, 0, entry);
  }
  return best.map(([key, [jobs = 0, done = 0, failed = 0, blocked = 0, cost = 0]]) => {
    const [platform, workspaceId, userId] = key.split('\u0000') as [UserUsage['platform'], string, string];
    return {
      platform,
      workspaceId,
      userId,
      jobs,
      done,
      failed,
      blocked,
      running: jobs - done - failed - blocked,
      costMicros: cost,
    };
  });
}

const idOf = (key: string) => key.slice(key.lastIndexOf('\u0000') + 1);
/** Code-unit order, as SQLite's binary collation sorts (localeCompare would not). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byMixKey = (a: MixCounts, b: MixCounts) =>
  compare(a.platform, b.platform) || compare(a.workspaceId, b.workspaceId) || compare(a.model, b.model);

/** Nearest-rank percentiles from the bins; `samples` is how many jobs had the measure. */
const point = (bins: Bin[], samples: number): LatencyPoint =>
  samples > 0 ? { p50Ms: percentile(bins, 0.5), p95Ms: percentile(bins, 0.95), samples } : emptyPoint();

function upsert<K, V>(map: Map<K, V>, key: K, init: () => V): V {
  const seen = map.get(key);
  if (seen !== undefined) return seen;
  const value = init();
  map.set(key, value);
  return value;
}

const emptyPoint = (): LatencyPoint => ({ p50Ms: null, p95Ms: null, samples: 0 });
const byJobs = (a: JobCounts, b: JobCounts) => b.jobs - a.jobs || b.costMicros - a.costMicros;
