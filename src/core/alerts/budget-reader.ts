import type { Limits, UsageRepository } from '../policy/policy-types.js';
import type { Platform } from '../types.js';
import type { BudgetReader } from './alert-types.js';

/** Budgets exactly as the policy applies them (its limitsFor), and what a workspace spent since a time. */
export function createBudgetReader(deps: {
  usage: Pick<UsageRepository, 'spendMicros'>;
  limitsFor(scope: { platform: Platform; workspaceId: string }): Promise<Limits>;
}): BudgetReader {
  return {
    async budgets(platform, workspaceId) {
      const limits = await deps.limitsFor({ platform, workspaceId });
      return { dailyMicros: limits.budgetDailyMicros, monthlyMicros: limits.budgetMonthlyMicros };
    },
    spendMicros: (platform, workspaceId, since) => deps.usage.spendMicros({ platform, workspaceId }, since),
  };
}
