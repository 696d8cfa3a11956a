import { z } from 'zod';
import type { Limits } from '../src/core/policy/policy-types.js';
import { choice, formatted, subcommand, subcommands, text, user } from './options.js';

const QUOTA_NAMES = ['user-hourly', 'user-daily', 'workspace-daily', 'in-flight'] as const;
const BUDGET_NAMES = ['daily', 'monthly'] as const;

/** `/atelier quota <limit>` names, as people type them, and the setting each one changes. */
export const QUOTA_LIMITS = {
  'user-hourly': 'userHourly',
  'user-daily': 'userDaily',
  'workspace-daily': 'workspaceDaily',
  'in-flight': 'userInFlight',
} as const satisfies Record<(typeof QUOTA_NAMES)[number], keyof Limits>;

export const BUDGET_PERIODS = {
  daily: 'budgetDailyMicros',
  monthly: 'budgetMonthlyMicros',
} as const satisfies Record<(typeof BUDGET_NAMES)[number], keyof Limits>;

/** A count (0 = no limit), or null for the configured default. */
const count = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(default|\d{1,8})$/, 'expected a whole number of images (0 for no limit) or default')
  .transform((v) => (v === 'default' ? null : Number(v)));

/** Micro-dollars (0 = no budget), or null for the configured default. */
const dollars = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(default|\$?\d{1,7}(\.\d{1,2})?)$/,
    'expected dollars such as 25 or 7.50 (0 for no budget) or default',
  )
  .transform((v) => (v === 'default' ? null : Math.round(Number(v.replace('$', '')) * 1_000_000)));

export const atelierOptions = subcommands([
  subcommand('stats', 'Today here: jobs, failures, cost, queue, provider', {}),
  subcommand('usage', 'Images and cost per person and per model here', {
    period: choice('today (default) or month', ['today', 'month']).default('today'),
  }),
  subcommand('limits', 'Show the quotas, budgets and pause switch here', {}),
  subcommand('quota', 'Set a quota (0 = no limit, default = the configured one)', {
    limit: choice('Which quota', QUOTA_NAMES),
    value: formatted('Images (0 = no limit) or default', 10, count),
  }),
  subcommand('budget', 'Set a spending budget in US dollars (0 = none, default = the configured one)', {
    period: choice('daily or monthly', BUDGET_NAMES),
    usd: formatted('Dollars, such as 25 or 7.50, or default', 12, dollars),
  }).transform(({ subcommand, period, usd }) => ({ subcommand, period, micros: usd })),
  subcommand('pause', 'Stop all image generation here', {}),
  subcommand('resume', 'Let image generation start again here', {}),
  subcommand('ban', 'Turn image generation off for one person here', {
    user: user('Who'),
    reason: text('Why (kept in the audit log)', { maxLength: 200, trim: true }).default(''),
  }),
  subcommand('unban', 'Turn image generation back on for one person', { user: user('Who') }),
  subcommand('purge', 'Delete every image one person made here', { user: user('Whose images') }),
]);

export type AtelierInput = z.output<typeof atelierOptions>;
