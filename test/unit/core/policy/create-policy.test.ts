import { describe, expect, it } from 'vitest';
import { createPolicy } from '../../../../src/core/policy/create-policy.js';
import {
  type LimitOverrides,
  type Limits,
  NO_LIMITS,
  type Refusal,
  type UsageRepository,
  type UsageScope,
} from '../../../../src/core/policy/policy-types.js';
import type { Requester } from '../../../../src/core/types.js';
import { createLogger } from '../../../../src/infra/logger.js';
import { rejection } from '../../../helpers/user-error.js';

const NOW = Date.UTC(2026, 2, 14, 13, 25, 0); // 2026-03-14 13:25 UTC
const ada: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'ada' };

interface Job {
  scope: Required<UsageScope>;
  at: number;
  unfinished: boolean;
  costMicros: number;
}

/** An in-memory stand-in for the generations table, answering the same questions. */
function fakeUsage(jobs: Job[]): UsageRepository {
  const match = (j: Job, s: UsageScope) =>
    j.scope.platform === s.platform &&
    j.scope.workspaceId === s.workspaceId &&
    (s.userId === undefined || j.scope.userId === s.userId);
  return {
    countJobs: async (s, since) => jobs.filter((j) => match(j, s) && j.at >= since).length,
    countUnfinished: async (s) => jobs.filter((j) => match(j, s) && j.unfinished).length,
    spendMicros: async (s, since) =>
      jobs.filter((j) => match(j, s) && j.at >= since).reduce((sum, j) => sum + j.costMicros, 0),
    usageBy: async () => [],
  };
}

const job = (over: Partial<Job> & { userId?: string } = {}): Job => ({
  scope: { platform: 'discord', workspaceId: 'g1', userId: over.userId ?? 'ada' },
  at: over.at ?? NOW - 60_000,
  unfinished: over.unfinished ?? false,
  costMicros: over.costMicros ?? 3_000,
});

function policyWith(jobs: Job[], limits: Partial<Limits>, overrides?: LimitOverrides) {
  const refusals: Refusal[] = [];
  const policy = createPolicy({
    usage: fakeUsage(jobs),
    ...(overrides ? { limits: { get: async () => overrides, set: async () => {} } } : {}),
    defaults: { ...NO_LIMITS, ...limits },
    clock: { now: () => NOW, sleep: async () => {} },
    log: createLogger('silent'),
    onRefusal: (r) => refusals.push(r),
  });
  return { policy, refusals };
}

describe('createPolicy', () => {
  it('refuses the request past the hourly quota and says when the next hour starts', async () => {
    const jobs = [job(), job(), job({ at: NOW - 2 * 3_600_000 })];
    const { policy, refusals } = policyWith(jobs, { userHourly: 2 });
    const error = await rejection(policy.check(ada, 3_000));
    expect(error.code).toBe('quota_exceeded');
    expect(error.message).toBe('You have used 2 of 2 images this hour; more at 14:00 UTC.');
    expect(refusals).toEqual([
      { reason: 'user_hourly', requester: ada, resetsAt: Date.UTC(2026, 2, 14, 14) },
    ]);
  });

  it('lets the request through while under every limit (the hour window starts on the hour)', async () => {
    const jobs = [job(), job({ at: Date.UTC(2026, 2, 14, 12, 59) })];
    const { policy, refusals } = policyWith(jobs, { userHourly: 2, userDaily: 3, workspaceDaily: 10 });
    await expect(policy.check(ada, 3_000)).resolves.toBeUndefined();
    expect(refusals).toEqual([]);
  });

  it('names the day reset with its date and counts every frame of a multi-job request', async () => {
    const { policy } = policyWith([job(), job()], { userDaily: 5 });
    const error = await rejection(policy.check(ada, 9_000, 4));
    expect(error.message).toBe(
      'You have used 2 of 5 images today (this request needs 4); more at 00:00 UTC on 2026-03-15.',
    );
  });

  it('counts the whole workspace for the workspace quota', async () => {
    const { policy } = policyWith([job({ userId: 'grace' }), job({ userId: 'linus' })], {
      workspaceDaily: 2,
    });
    const error = await rejection(policy.check(ada, 3_000));
    expect(error.message).toMatch(/^This workspace has used 2 of 2 images today/);
  });

  it('refuses when the user already has the most unfinished jobs allowed', async () => {
    const jobs = [
      job({ unfinished: true }),
      job({ unfinished: true }),
      job({ userId: 'grace', unfinished: true }),
    ];
    const { policy, refusals } = policyWith(jobs, { userInFlight: 2 });
    const error = await rejection(policy.check(ada, 3_000));
    expect(error.code).toBe('quota_exceeded');
    expect(error.message).toMatch(/already have 2 images in progress/);
    expect(refusals[0]?.reason).toBe('user_in_flight');
    await expect(policyWith(jobs, { userInFlight: 3 }).policy.check(ada, 3_000)).resolves.toBeUndefined();
  });

  it('stops at the daily and monthly budgets, but never refuses a free (reused) image', async () => {
    const spent = [job({ costMicros: 9_000_000, userId: 'grace' })];
    const daily = await rejection(
      policyWith(spent, { budgetDailyMicros: 9_001_000 }).policy.check(ada, 3_000),
    );
    expect(daily.code).toBe('budget_exceeded');
    expect(daily.message).toBe(
      'This workspace has reached its daily image budget ($9.00 of $9.00 spent); generation resumes at 00:00 UTC on 2026-03-15.',
    );
    const lastMonth = [job({ costMicros: 5_000_000, at: NOW - 3 * 86_400_000 })];
    const monthly = await rejection(
      policyWith(lastMonth, { budgetMonthlyMicros: 5_000_000 }).policy.check(ada, 1),
    );
    expect(monthly.message).toMatch(/monthly image budget.*resumes at 00:00 UTC on 2026-04-01\.$/);
    await expect(policyWith(spent, { budgetDailyMicros: 1 }).policy.check(ada, 0)).resolves.toBeUndefined();
  });

  it('does not hold the operator CLI to quotas, only to budgets', async () => {
    const cli: Requester = { platform: 'cli', workspaceId: 'local', channelId: 't', userId: 'op' };
    const jobs = [{ ...job(), scope: { platform: 'cli' as const, workspaceId: 'local', userId: 'op' } }];
    const { policy } = policyWith(jobs, { userHourly: 1, budgetDailyMicros: 3_500 });
    await expect(policy.check(cli, 0)).resolves.toBeUndefined();
    expect((await rejection(policy.check(cli, 3_000))).code).toBe('budget_exceeded');
  });

  it('uses per-workspace overrides over the configured defaults (null keeps the default)', async () => {
    const { policy } = policyWith(
      [job()],
      { userHourly: 100, userDaily: 1 },
      { userHourly: 1, userDaily: null },
    );
    expect((await rejection(policy.check(ada, 3_000))).message).toMatch(/1 of 1 images this hour/);
    expect(await policy.limitsFor(ada)).toMatchObject({ userHourly: 1, userDaily: 1 });
  });

  it('reports what is left in each limited window, and nothing for unlimited ones', async () => {
    const jobs = [job(), job({ unfinished: true, costMicros: 0 })];
    const { policy } = policyWith(jobs, { userHourly: 5, budgetMonthlyMicros: 10_000_000 });
    const status = await policy.status(ada);
    expect(status).toEqual({
      at: NOW,
      userHourly: { used: 2, limit: 5, resetsAt: Date.UTC(2026, 2, 14, 14) },
      userDaily: undefined,
      workspaceDaily: undefined,
      userInFlight: undefined,
      budgetDaily: undefined,
      budgetMonthly: { used: 3_000, limit: 10_000_000, resetsAt: Date.UTC(2026, 3, 1) },
    });
  });
});
