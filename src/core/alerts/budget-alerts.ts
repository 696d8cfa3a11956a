import { dayWindow, monthWindow, type Window } from '../policy/windows.js';
import type { Generation } from '../types.js';
import { budgetText } from './alert-texts.js';
import type { Alert, BudgetReader } from './alert-types.js';

/** An alert plus how long its key stays claimed (the rest of its budget period). */
export interface PeriodAlert {
  alert: Alert;
  windowMs: number;
}

const periodLabel = (period: 'daily' | 'monthly', window: Window) =>
  new Date(window.start).toISOString().slice(0, period === 'daily' ? 10 : 7);

/**
 * After a job's cost is recorded: the highest threshold its workspace's daily and monthly spend has
 * reached, one alert per budget. The key names the period and threshold, so each fires once per period;
 * when one job jumps past several thresholds only the highest is worth saying.
 */
export async function budgetAlerts(
  reader: BudgetReader,
  job: Pick<Generation, 'platform' | 'workspaceId'>,
  thresholds: readonly number[],
  now: number,
): Promise<PeriodAlert[]> {
  if (thresholds.length === 0) return [];
  const { platform, workspaceId } = job;
  const budgets = await reader.budgets(platform, workspaceId);
  const periods = [
    { period: 'daily' as const, limit: budgets.dailyMicros, window: dayWindow(now) },
    { period: 'monthly' as const, limit: budgets.monthlyMicros, window: monthWindow(now) },
  ];
  const out: PeriodAlert[] = [];
  for (const { period, limit, window } of periods) {
    if (limit <= 0) continue;
    const spent = await reader.spendMicros(platform, workspaceId, window.start);
    const reached = thresholds.filter((t) => spent >= t * limit).at(-1);
    if (reached === undefined) continue;
    const pct = Math.round(reached * 100);
    out.push({
      windowMs: window.end - window.start,
      alert: {
        condition: 'budget',
        key: `budget:${platform}:${workspaceId}:${period}:${periodLabel(period, window)}:${pct}`,
        text: budgetText({
          platform,
          workspaceId,
          period,
          spentMicros: spent,
          limitMicros: limit,
          threshold: reached,
          resetsAt: window.end,
          now,
        }),
        details: { platform, workspaceId, period, spentMicros: spent, limitMicros: limit, threshold: pct },
      },
    });
  }
  return out;
}
