import type { Platform } from '../types.js';

/** The dashboard's time windows: 24 h in hourly buckets, 7 and 30 days in daily buckets (UTC). */
export const DASHBOARD_RANGES = ['24h', '7d', '30d'] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

export interface WorkspaceRef {
  platform: Platform;
  workspaceId: string;
}

/** One report: generations created in [from, to), cut into buckets of bucketMs from `from`. */
export interface DashboardQuery {
  from: number;
  to: number;
  bucketMs: number;
  workspace?: WorkspaceRef | undefined;
  model?: string | undefined;
}

/** Nearest-rank percentiles in milliseconds; null when no job in the bucket has the measure. */
export interface LatencyPoint {
  p50Ms: number | null;
  p95Ms: number | null;
  samples: number;
}

export interface Latency {
  /** Request → final state (done, failed or blocked). */
  total: LatencyPoint;
  /** Provider submit → result (done jobs that went to the provider). */
  provider: LatencyPoint;
}

/** Finished jobs by outcome; a deleted result (tombstone) counts as done: the work and the cost happened. */
export interface JobCounts {
  jobs: number;
  done: number;
  failed: number;
  blocked: number;
  /** Still queued or running. */
  running: number;
  /** Estimated provider cost in micro-dollars. */
  costMicros: number;
}

export interface UsageBucket extends JobCounts {
  /** Bucket start, ms since the epoch. */
  start: number;
  latency: Latency;
}

export interface WorkspaceUsage extends JobCounts, WorkspaceRef {}
export interface ModelUsage extends JobCounts {
  model: string;
}
export interface UserUsage extends JobCounts, WorkspaceRef {
  userId: string;
}

export interface UsageReport {
  query: DashboardQuery;
  totals: JobCounts;
  latency: Latency;
  /** Every bucket of the window, oldest first, empty ones included. */
  buckets: UsageBucket[];
  /** Failed jobs by error class ('retryable', 'user', 'fatal', or 'unknown'), largest first. */
  failuresByClass: { errorClass: string; count: number }[];
  /** Both filters applied (as everywhere but `choices`), most jobs first. */
  workspaces: WorkspaceUsage[];
  /** Most jobs first. */
  models: ModelUsage[];
  /** Both filters applied; the heaviest users by jobs. */
  topUsers: UserUsage[];
  /** What the filters can choose from: everything seen in the window, whatever is filtered. */
  choices: { workspaces: WorkspaceRef[]; models: string[] };
}

/** Where the usage dashboard's numbers come from: a port of the core (src/infra/db/dashboard-repository.ts). */
export interface DashboardSource {
  report(query: DashboardQuery): Promise<UsageReport>;
}
