import type { GenerationStatus, Platform } from '../../core/types.js';
import type { Bin } from '../../core/usage/percentile.js';
import type { DashboardQuery, JobCounts } from '../../core/usage/usage-report.js';
import type { ChunkEntry } from './dashboard-chunk-sql.js';

/** Jobs of one platform, workspace and model: every job of the slice, whatever the filters. */
export interface MixCounts extends JobCounts {
  platform: Platform;
  workspaceId: string;
  model: string;
}

/**
 * One bucket's numbers, mergeable: everything the report needs, with the filters applied except `mix`
 * (the filter choices come from it). Users are small arrays rather than objects: closed slices are kept
 * (dashboard-slice-cache.ts), and a day of a busy community holds thousands of them.
 */
export interface UsageSlice {
  counts: JobCounts;
  measured: { total: number; provider: number };
  failures: Map<string, number>;
  mix: Map<string, MixCounts>;
  /** `platform \0 workspace \0 user` → jobs, done, failed, blocked, cost. */
  users: Map<string, number[]>;
  bins: { total: Map<number, Bin>; provider: Map<number, Bin> };
}

export type SliceFilter = Pick<DashboardQuery, 'workspace' | 'model'>;

export const userKey = (platform: string, workspaceId: string, userId: string): string =>
  `${platform}\u0000${workspaceId}\u0000${userId}`;

export const emptyCounts = (): JobCounts => ({
  jobs: 0,
  done: 0,
  failed: 0,
  blocked: 0,
  running: 0,
  costMicros: 0,
});

export const emptySlice = (): UsageSlice => ({
  counts: emptyCounts(),
  measured: { total: 0, provider: 0 },
  failures: new Map(),
  mix: new Map(),
  users: new Map(),
  bins: { total: new Map(), provider: new Map() },
});

/** Final states: a deleted result (tombstone) counts as done, the work and the cost happened. */
export function addJobs(target: JobCounts, status: GenerationStatus, n: number, cost: number): void {
  target.jobs += n;
  target.costMicros += cost;
  if (status === 'done' || status === 'deleted') target.done += n;
  else if (status === 'failed') target.failed += n;
  else if (status === 'blocked') target.blocked += n;
  else target.running += n;
}

export function addCounts(target: JobCounts, from: JobCounts): void {
  target.jobs += from.jobs;
  target.done += from.done;
  target.failed += from.failed;
  target.blocked += from.blocked;
  target.running += from.running;
  target.costMicros += from.costMicros;
}

export function addBin(bins: Map<number, Bin>, key: number, count: number, min: number, max: number): void {
  const seen = bins.get(key);
  if (seen) {
    seen.count += count;
    if (min < seen.min) seen.min = min;
    if (max > seen.max) seen.max = max;
  } else bins.set(key, { key, count, min, max });
}

/** A user's [jobs, done, failed, blocked, cost]. */
function addUser(user: number[], status: GenerationStatus, cost: number): void {
  user[0] = (user[0] ?? 0) + 1;
  const at =
    status === 'done' || status === 'deleted' ? 1 : status === 'failed' ? 2 : status === 'blocked' ? 3 : 0;
  if (at > 0) user[at] = (user[at] ?? 0) + 1;
  user[4] = (user[4] ?? 0) + cost;
}

/** Adds a chunk's generations to a slice. */
export function addEntries(slice: UsageSlice, entries: readonly ChunkEntry[], filter: SliceFilter): void {
  const ws = filter.workspace;
  for (const [, , p, w, m, u, s, e, c, t, tb, v, vb] of entries) {
    const mixKey = `${p}\u0000${w}\u0000${m}`;
    let mix = slice.mix.get(mixKey);
    if (!mix) {
      mix = { platform: p, workspaceId: w, model: m, ...emptyCounts() };
      slice.mix.set(mixKey, mix);
    }
    addJobs(mix, s, 1, c);
    if (ws && (ws.platform !== p || ws.workspaceId !== w)) continue;
    if (filter.model !== undefined && filter.model !== m) continue;
    addJobs(slice.counts, s, 1, c);
    if (s === 'failed') slice.failures.set(e ?? 'unknown', (slice.failures.get(e ?? 'unknown') ?? 0) + 1);
    const key = userKey(p, w, u);
    let user = slice.users.get(key);
    if (!user) {
      user = [0, 0, 0, 0, 0];
      slice.users.set(key, user);
    }
    addUser(user, s, c);
    if (t !== null && tb !== null) {
      slice.measured.total++;
      addBin(slice.bins.total, tb, 1, t, t);
    }
    if (v !== null && vb !== null) {
      slice.measured.provider++;
      addBin(slice.bins.provider, vb, 1, v, v);
    }
  }
}

/** Jobs in the slice (any workspace or model) not yet in a final state: the slice may still change. */
export const unsettled = (slice: UsageSlice): number =>
  [...slice.mix.values()].reduce((sum, m) => sum + m.running, 0);

/** Roughly how many small objects the slice holds: what the cache's bound counts. */
export const sliceWeight = (slice: UsageSlice): number =>
  1 + slice.mix.size + slice.users.size + slice.bins.total.size + slice.bins.provider.size;
