import { UserError, type UserErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import type { Requester } from '../types.js';
import type {
  GenerationPolicy,
  LimitOverrides,
  Limits,
  LimitsRepository,
  QuotaLine,
  QuotaStatus,
  Refusal,
  RefusalReason,
  RestrictionsReader,
  UsageRepository,
} from './policy-types.js';
import { dayWindow, formatReset, formatUsd, hourWindow, monthWindow } from './windows.js';

export interface PolicyDeps {
  usage: UsageRepository;
  /** Per-workspace overrides; without it every workspace gets `defaults`. */
  limits?: LimitsRepository;
  /** Bans and the pause switch, checked before any quota; without it nobody is banned or paused. */
  restrictions?: RestrictionsReader;
  defaults: Limits;
  clock: Clock;
  log: Logger;
  /** Told about every refusal (metrics, alerts). */
  onRefusal?: (refusal: Refusal) => void;
}

export type Policy = Required<GenerationPolicy> & {
  /** The limits in force for a workspace: its overrides, else the configured defaults. */
  limitsFor(scope: Pick<Requester, 'platform' | 'workspaceId'>): Promise<Limits>;
};

export const BANNED_MESSAGE = 'An admin has turned off image generation for you in this server.';
export const PAUSED_MESSAGE = 'Image generation is paused in this server by an admin.';

const CODES: Partial<Record<RefusalReason, UserErrorCode>> = {
  banned: 'forbidden',
  paused: 'paused',
  budget_daily: 'budget_exceeded',
  budget_monthly: 'budget_exceeded',
};

/** The operator's own CLI (batch runs, tests by hand) is not held to the chat users' quotas. */
const exemptFromQuotas = (requester: Requester) => requester.platform === 'cli';

/** Quotas, in-flight cap and budgets, checked before a job is recorded (nothing is charged on refusal). */
export function createPolicy(deps: PolicyDeps): Policy {
  const limitsFor = async (scope: Pick<Requester, 'platform' | 'workspaceId'>): Promise<Limits> => {
    const overrides = await deps.limits?.get(scope.platform, scope.workspaceId);
    return merge(deps.defaults, overrides);
  };

  const refuse = (
    requester: Requester,
    reason: RefusalReason,
    resetsAt: number | undefined,
    message: string,
  ): never => {
    deps.log.info(
      { reason, userId: requester.userId, workspaceId: requester.workspaceId },
      'request refused',
    );
    try {
      deps.onRefusal?.({ reason, requester, resetsAt });
    } catch (error) {
      deps.log.warn({ err: error }, 'refusal listener failed');
    }
    throw new UserError(CODES[reason] ?? 'quota_exceeded', message);
  };

  /** Usage is counted per user and per workspace of one platform. */
  const scopesOf = (requester: Requester) => ({
    user: { platform: requester.platform, workspaceId: requester.workspaceId, userId: requester.userId },
    workspace: { platform: requester.platform, workspaceId: requester.workspaceId },
  });

  async function check(requester: Requester, estimatedCostMicros: number, jobs = 1): Promise<void> {
    const { user, workspace } = scopesOf(requester);
    // An admin's switch outranks every allowance: nothing else is counted for a banned user.
    const restricted = await deps.restrictions?.restrictions(user);
    if (restricted?.banned) refuse(requester, 'banned', undefined, BANNED_MESSAGE);
    if (restricted?.paused) refuse(requester, 'paused', undefined, PAUSED_MESSAGE);
    const limits = await limitsFor(requester);
    const now = deps.clock.now();
    if (!exemptFromQuotas(requester)) {
      if (limits.userInFlight > 0) {
        const running = await deps.usage.countUnfinished(user);
        if (running >= limits.userInFlight)
          refuse(
            requester,
            'user_in_flight',
            undefined,
            `You already have ${running} images in progress (the most at once is ${limits.userInFlight}); try again when one finishes.`,
          );
      }
      const counts: [RefusalReason, number, { start: number; end: number }, 'user' | 'workspace', string][] =
        [
          ['user_hourly', limits.userHourly, hourWindow(now), 'user', 'this hour'],
          ['user_daily', limits.userDaily, dayWindow(now), 'user', 'today'],
          ['workspace_daily', limits.workspaceDaily, dayWindow(now), 'workspace', 'today'],
        ];
      for (const [reason, limit, window, who, when] of counts) {
        if (limit <= 0) continue;
        const used = await deps.usage.countJobs(who === 'user' ? user : workspace, window.start);
        if (used + jobs > limit) {
          const subject = who === 'user' ? 'You have' : 'This workspace has';
          const asked = jobs > 1 ? ` (this request needs ${jobs})` : '';
          refuse(
            requester,
            reason,
            window.end,
            `${subject} used ${used} of ${limit} images ${when}${asked}; more at ${formatReset(window.end, now)}.`,
          );
        }
      }
    }
    // Reused images cost nothing and cannot overrun a budget.
    if (estimatedCostMicros <= 0) return;
    const budgets: [RefusalReason, number, { start: number; end: number }, string][] = [
      ['budget_daily', limits.budgetDailyMicros, dayWindow(now), 'daily'],
      ['budget_monthly', limits.budgetMonthlyMicros, monthWindow(now), 'monthly'],
    ];
    for (const [reason, limit, window, label] of budgets) {
      if (limit <= 0) continue;
      const spent = await deps.usage.spendMicros(workspace, window.start);
      if (spent + estimatedCostMicros > limit)
        refuse(
          requester,
          reason,
          window.end,
          `This workspace has reached its ${label} image budget (${formatUsd(spent)} of ${formatUsd(limit)} spent); generation resumes at ${formatReset(window.end, now)}.`,
        );
    }
  }

  async function status(requester: Requester): Promise<QuotaStatus> {
    const limits = await limitsFor(requester);
    const now = deps.clock.now();
    const { user, workspace } = scopesOf(requester);
    const restricted = await deps.restrictions?.restrictions(user);
    const line = async (
      limit: number,
      window: { start: number; end: number },
      used: (since: number) => Promise<number>,
    ) =>
      limit > 0
        ? ({ used: await used(window.start), limit, resetsAt: window.end } satisfies QuotaLine)
        : undefined;
    return {
      at: now,
      userHourly: await line(limits.userHourly, hourWindow(now), (s) => deps.usage.countJobs(user, s)),
      userDaily: await line(limits.userDaily, dayWindow(now), (s) => deps.usage.countJobs(user, s)),
      workspaceDaily: await line(limits.workspaceDaily, dayWindow(now), (s) =>
        deps.usage.countJobs(workspace, s),
      ),
      userInFlight:
        limits.userInFlight > 0
          ? { used: await deps.usage.countUnfinished(user), limit: limits.userInFlight }
          : undefined,
      budgetDaily: await line(limits.budgetDailyMicros, dayWindow(now), (s) =>
        deps.usage.spendMicros(workspace, s),
      ),
      budgetMonthly: await line(limits.budgetMonthlyMicros, monthWindow(now), (s) =>
        deps.usage.spendMicros(workspace, s),
      ),
      ...(restricted?.banned ? { banned: true } : {}),
      ...(restricted?.paused ? { paused: true } : {}),
    };
  }

  return { check, status, limitsFor };
}

function merge(defaults: Limits, overrides: LimitOverrides | undefined): Limits {
  if (!overrides) return defaults;
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Limits)[]) {
    const value = overrides[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}
