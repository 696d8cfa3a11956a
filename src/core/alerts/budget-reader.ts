import type { Limits, LimitsRepository, UsageRepository } from '../policy/policy-types.js';
import type { BudgetReader } from './alert-types.js';

/**
 * Budgets as the policy applies them (a workspace's override, else the configured default), read through
 * the repositories rather than the policy so alerts do not depend on how the policy is built.
 */
export function createBudgetReader(deps: {
  usage: Pick<UsageRepository, 'spendMicros'>;
  limits?: Pick<LimitsRepository, 'get'>;
  defaults: Pick<Limits, 'budgetDailyMicros' | 'budgetMonthlyMicros'>;
}): BudgetReader {
  return {
    async budgets(platform, workspaceId) {
      const overrides = await deps.limits?.get(platform, workspaceId);
      const daily = overrides?.budgetDailyMicros;
      const monthly = overrides?.budgetMonthlyMicros;
      return {
        dailyMicros: typeof daily === 'number' ? daily : deps.defaults.budgetDailyMicros,
        monthlyMicros: typeof monthly === 'number' ? monthly : deps.defaults.budgetMonthlyMicros,
      };
    },
    spendMicros: (platform, workspaceId, since) => deps.usage.spendMicros({ platform, workspaceId }, since),
  };
}
