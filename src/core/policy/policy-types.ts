import type { Platform, Requester } from '../types.js';

/** Limits for one workspace; 0 means "no limit". Budgets are in micro-dollars. */
export interface Limits {
  userHourly: number;
  userDaily: number;
  workspaceDaily: number;
  /** Unfinished jobs one user may have when asking for more. */
  userInFlight: number;
  budgetDailyMicros: number;
  budgetMonthlyMicros: number;
}

export const NO_LIMITS: Readonly<Limits> = Object.freeze({
  userHourly: 0,
  userDaily: 0,
  workspaceDaily: 0,
  userInFlight: 0,
  budgetDailyMicros: 0,
  budgetMonthlyMicros: 0,
});

export interface UsageScope {
  platform: Platform;
  workspaceId: string;
  /** When set, only this user's jobs. */
  userId?: string;
}

export type UsageGroup = 'user' | 'workspace' | 'model';

export interface UsageRow {
  /** The user id, workspace id or model, by the grouping asked for (platform-qualified for user/workspace). */
  key: string;
  platform: Platform | null;
  jobs: number;
  costMicros: number;
}

/** Read side of the generations table the policy needs (implemented in infra/db). */
export interface UsageRepository {
  /** Jobs recorded since `since` (epoch ms), failed jobs excluded (they were not the user's doing). */
  countJobs(scope: UsageScope, since: number): Promise<number>;
  /** Jobs of the scope not finished yet. */
  countUnfinished(scope: UsageScope): Promise<number>;
  /** Spend since `since`: recorded costs plus the estimate of jobs still running. */
  spendMicros(scope: Omit<UsageScope, 'userId'>, since: number): Promise<number>;
  /** Jobs and cost per user, workspace or model in [since, until); with `scope`, only that workspace's. */
  usageBy(
    group: UsageGroup,
    since: number,
    until: number,
    scope?: Omit<UsageScope, 'userId'>,
  ): Promise<UsageRow[]>;
}

/** Per-workspace overrides of the configured limits (null/absent: the configured default). */
export type LimitOverrides = { [K in keyof Limits]?: number | null };

export interface LimitsRepository {
  get(platform: Platform, workspaceId: string): Promise<LimitOverrides | undefined>;
  set(platform: Platform, workspaceId: string, overrides: LimitOverrides, updatedBy: string): Promise<void>;
}

/** Admin switches checked before any quota: is the workspace paused, is this user banned there. */
export interface RestrictionsReader {
  restrictions(scope: Required<UsageScope>): Promise<{ paused: boolean; banned: boolean }>;
}

export type RefusalReason =
  /** An admin banned the user in this workspace (/atelier ban). */
  | 'banned'
  /** An admin paused generation in this workspace (/atelier pause). */
  | 'paused'
  | 'user_in_flight'
  | 'user_hourly'
  | 'user_daily'
  | 'workspace_daily'
  | 'budget_daily'
  | 'budget_monthly';

export interface Refusal {
  reason: RefusalReason;
  requester: Requester;
  /** When the limit resets (epoch ms); undefined for the in-flight cap. */
  resetsAt: number | undefined;
}

export interface QuotaLine {
  /** Used so far in the window (count, or micro-dollars for budgets). */
  used: number;
  limit: number;
  resetsAt: number;
}

/** What `/quota` shows: undefined lines are not limited. */
export interface QuotaStatus {
  /** When it was measured (epoch ms, the core's clock). */
  at: number;
  userHourly: QuotaLine | undefined;
  userDaily: QuotaLine | undefined;
  workspaceDaily: QuotaLine | undefined;
  userInFlight: { used: number; limit: number } | undefined;
  budgetDaily: QuotaLine | undefined;
  budgetMonthly: QuotaLine | undefined;
  /** An admin's switches: no allowance counts while either is on. */
  banned?: boolean;
  paused?: boolean;
}

/** The hook the generation service calls before recording a job. */
export interface GenerationPolicy {
  /**
   * Throws UserError ('forbidden' for a banned user, 'paused', 'quota_exceeded' | 'budget_exceeded') when
   * the request must be refused.
   */
  check(requester: Requester, estimatedCostMicros: number, jobs?: number): Promise<void>;
  status?(requester: Requester): Promise<QuotaStatus>;
}
