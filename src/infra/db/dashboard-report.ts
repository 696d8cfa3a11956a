import type { GenerationStatus, Platform } from '../../core/types.js';
import type {
  DashboardQuery,
  JobCounts,
  LatencyPoint,
  UsageBucket,
  UsageReport,
  UserUsage,
  WorkspaceRef,
} from '../../web/admin/dashboard-types.js';
import { type Bin, percentile } from '../../web/admin/histogram.js';

/**
 * One row of dashboard-repository.ts's statement; `q` says which aggregate it belongs to and what the
 * generic columns hold:
 * - series (b, s, e): n jobs, c cost, lo/hi how many have a total/provider duration;
 * - mix (p, w, m, s): n jobs, c cost;
 * - user (p, w, u): n jobs, c cost, e failed, lo done, hi blocked;
 * - total/provider (b, e = bin): n values between lo and hi.
 */
export interface DashboardRow {
  q: 'series' | 'mix' | 'user' | 'total' | 'provider';
  b: number | null;
  p: Platform | null;
  w: string | null;
  m: string | null;
  u: string | null;
  s: GenerationStatus | null;
  e: string | number | null;
  n: number;
  c: number | null;
  lo: number | null;
  hi: number | null;
}

export function assembleReport(query: DashboardQuery, rows: readonly DashboardRow[]): UsageReport {
  const bucketCount = Math.ceil((query.to - query.from) / query.bucketMs);
  const buckets: UsageBucket[] = Array.from({ length: bucketCount }, (_, i) => ({
    start: query.from + i * query.bucketMs,
    ...emptyCounts(),
    latency: { total: emptyPoint(), provider: emptyPoint() },
  }));
  const totals = emptyCounts();
  const measured = { total: new Map<number, number>(), provider: new Map<number, number>() };
  const failures = new Map<string, number>();
  const bins = { total: new Map<number, Bin[]>(), provider: new Map<number, Bin[]>() };
  const workspaces = new Map<string, WorkspaceRef & JobCounts>();
  const models = new Map<string, { model: string } & JobCounts>();
  const topUsers: UserUsage[] = [];
  const choices = { workspaces: new Map<string, WorkspaceRef>(), models: new Set<string>() };
  const ws = query.workspace;

  for (const row of rows) {
    const status = row.s as GenerationStatus;
    const n = Number(row.n);
    if (row.q === 'series') {
      const b = Number(row.b);
      const target = buckets[b];
      if (target) add(target, status, n, row.c);
      add(totals, status, n, row.c);
      bump(measured.total, b, Number(row.lo));
      bump(measured.provider, b, Number(row.hi));
      if (status === 'failed') bump(failures, String(row.e ?? 'unknown'), n);
    } else if (row.q === 'mix') {
      const ref = { platform: row.p!, workspaceId: row.w! };
      const key = JSON.stringify([ref.platform, ref.workspaceId]);
      choices.workspaces.set(key, ref);
      choices.models.add(row.m!);
      if (ws && (ws.platform !== ref.platform || ws.workspaceId !== ref.workspaceId)) continue;
      if (query.model !== undefined && query.model !== row.m) continue;
      add(
        upsert(workspaces, key, () => ({ ...ref, ...emptyCounts() })),
        status,
        n,
        row.c,
      );
      add(
        upsert(models, row.m!, () => ({ model: row.m!, ...emptyCounts() })),
        status,
        n,
        row.c,
      );
    } else if (row.q === 'user') {
      const [done, failed, blocked] = [row.lo, row.e, row.hi].map(Number) as [number, number, number];
      topUsers.push({
        platform: row.p!,
        workspaceId: row.w!,
        userId: row.u!,
        jobs: n,
        done,
        failed,
        blocked,
        running: n - done - failed - blocked,
        costMicros: Number(row.c ?? 0),
      });
    } else {
      const bin: Bin = { key: Number(row.e), count: n, min: Number(row.lo), max: Number(row.hi) };
      upsert(bins[row.q], Number(row.b), () => []).push(bin);
    }
  }

  const latency = { total: emptyPoint(), provider: emptyPoint() };
  for (const kind of ['total', 'provider'] as const) {
    for (const [b, count] of measured[kind]) {
      const target = buckets[b];
      if (target) target.latency[kind] = point(bins[kind].get(b) ?? [], count);
    }
    const all = [...measured[kind].values()].reduce((a, b) => a + b, 0);
    latency[kind] = point([...bins[kind].values()].flat(), all);
  }

  return {
    query,
    totals,
    latency,
    buckets,
    failuresByClass: [...failures]
      .map(([errorClass, count]) => ({ errorClass, count }))
      .sort((a, b) => b.count - a.count || a.errorClass.localeCompare(b.errorClass)),
    workspaces: [...workspaces.values()].sort(byJobs),
    models: [...models.values()].sort(byJobs),
    topUsers: topUsers.sort((a, b) => byJobs(a, b) || a.userId.localeCompare(b.userId)),
    choices: {
      workspaces: [...choices.workspaces.values()].sort(
        (a, b) => a.platform.localeCompare(b.platform) || a.workspaceId.localeCompare(b.workspaceId),
      ),
      models: [...choices.models].sort(),
    },
  };
}

/** Percentiles from the (maybe sampled) bins; `samples` is how many jobs had the measure, sampled or not. */
const point = (bins: Bin[], samples: number): LatencyPoint => ({
  p50Ms: percentile(bins, 0.5),
  p95Ms: percentile(bins, 0.95),
  samples,
});

function upsert<K, V>(map: Map<K, V>, key: K, init: () => V): V {
  const seen = map.get(key);
  if (seen !== undefined) return seen;
  const value = init();
  map.set(key, value);
  return value;
}

const bump = <K>(map: Map<K, number>, key: K, by: number) => {
  if (by > 0) map.set(key, (map.get(key) ?? 0) + by);
};

const emptyCounts = (): JobCounts => ({ jobs: 0, done: 0, failed: 0, blocked: 0, running: 0, costMicros: 0 });
const emptyPoint = (): LatencyPoint => ({ p50Ms: null, p95Ms: null, samples: 0 });
const byJobs = (a: JobCounts, b: JobCounts) => b.jobs - a.jobs || b.costMicros - a.costMicros;

function add(target: JobCounts, status: GenerationStatus, n: number, cost: number | null): void {
  target.jobs += n;
  target.costMicros += Number(cost ?? 0);
  if (status === 'done' || status === 'deleted') target.done += n;
  else if (status === 'failed') target.failed += n;
  else if (status === 'blocked') target.blocked += n;
  else target.running += n;
}
