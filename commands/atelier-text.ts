/** Plain text both platforms show as is for `/atelier` (`<@id>` is a mention on Discord and Slack alike). */
import type { WorkspaceStats, WorkspaceUsage } from '../src/core/admin/admin-reports.js';
import type { LimitChange, LimitsView } from '../src/core/admin/admin-service.js';
import type { Limits, UsageRow } from '../src/core/policy/policy-types.js';
import { formatUsd } from '../src/core/policy/windows.js';

const LABELS: Record<keyof Limits, string> = {
  userHourly: 'Images per person per hour',
  userDaily: 'Images per person per day',
  workspaceDaily: 'Images here per day',
  userInFlight: 'Images in progress per person',
  budgetDailyMicros: 'Budget per day',
  budgetMonthlyMicros: 'Budget per month',
};

const isBudget = (key: keyof Limits) => key.startsWith('budget');
const shownValue = (key: keyof Limits, value: number) =>
  value <= 0 ? 'no limit' : isBudget(key) ? formatUsd(value) : String(value);

export function renderLimits(view: LimitsView): string {
  const lines = (Object.keys(LABELS) as (keyof Limits)[]).map((key) => {
    const set = typeof view.overrides[key] === 'number';
    return `${LABELS[key]}: ${shownValue(key, view.effective[key])}${set ? ' (set here)' : ''}`;
  });
  return [
    'Limits here (UTC days and months):',
    ...lines,
    `Image generation: ${view.paused ? 'paused' : 'on'}`,
    'Change them with /atelier quota <limit> <images|default> and /atelier budget <daily|monthly> <dollars|default>.',
  ].join('\n');
}

export function renderChange(change: LimitChange): string {
  const from = shownValue(change.key, change.old);
  const to = shownValue(change.key, change.new);
  return change.isDefault
    ? `${LABELS[change.key]}: back to the configured default, ${to} (was ${from}).`
    : `${LABELS[change.key]}: ${to} (was ${from}).`;
}

const list = (rows: readonly string[]): string => rows.join(', ') || 'none';

export function renderStats(stats: WorkspaceStats): string {
  const byStatus = Object.entries(stats.byStatus)
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status} ${n}`);
  const failures = Object.entries(stats.failures).map(([cls, n]) => `${cls} ${n}`);
  const circuit = Object.entries(stats.circuit).map(([model, state]) => `${model} ${state}`);
  return [
    `Today here (since ${new Date(stats.window.start).toISOString().slice(0, 10)} 00:00 UTC):`,
    `Jobs: ${stats.jobs}${byStatus.length > 0 ? ` (${list(byStatus)})` : ''}`,
    `Failures by class: ${list(failures)}`,
    `Cost: ${formatUsd(stats.costMicros)}`,
    `Provider queue (all servers): ${stats.queue.waiting} waiting, ${stats.queue.running} running`,
    `Provider circuit: ${list(circuit)}`,
    `Image generation: ${stats.paused ? 'paused' : 'on'}; people banned: ${stats.bans}`,
  ].join('\n');
}

const SHOWN = 15;

function table(title: string, rows: readonly UsageRow[], name: (row: UsageRow) => string): string[] {
  if (rows.length === 0) return [`${title}: none`];
  const more = rows.length > SHOWN ? [`…and ${rows.length - SHOWN} more`] : [];
  return [
    `${title}:`,
    ...rows
      .slice(0, SHOWN)
      .map((r) => `• ${name(r)}: ${r.jobs} image${r.jobs === 1 ? '' : 's'}, ${formatUsd(r.costMicros)}`),
    ...more,
  ];
}

export function renderUsage(usage: WorkspaceUsage): string {
  const since = new Date(usage.window.start).toISOString().slice(0, 10);
  const jobs = usage.models.reduce((sum, r) => sum + r.jobs, 0);
  const cost = usage.models.reduce((sum, r) => sum + r.costMicros, 0);
  return [
    `Usage here ${usage.period === 'month' ? 'this month' : 'today'} (since ${since}, UTC): ${jobs} images, ${formatUsd(cost)}`,
    ...table('By person', usage.users, (r) => `<@${r.key}>`),
    ...table('By model', usage.models, (r) => r.key),
  ].join('\n');
}
