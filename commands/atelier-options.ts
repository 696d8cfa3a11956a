import { z } from 'zod';
import type { Limits } from '../src/core/policy/policy-types.js';
import type { OptionChoice, OptionSpec } from './define.js';

/** `/atelier quota <limit>` names, as people type them, and the setting each one changes. */
export const QUOTA_LIMITS = {
  'user-hourly': 'userHourly',
  'user-daily': 'userDaily',
  'workspace-daily': 'workspaceDaily',
  'in-flight': 'userInFlight',
} as const satisfies Record<string, keyof Limits>;

export const BUDGET_PERIODS = {
  daily: 'budgetDailyMicros',
  monthly: 'budgetMonthlyMicros',
} as const satisfies Record<string, keyof Limits>;

export type AtelierInput =
  | { subcommand: 'stats' | 'limits' | 'pause' | 'resume' }
  | { subcommand: 'usage'; period: 'today' | 'month' }
  /** value: a count (0 = no limit), or null for the configured default. */
  | { subcommand: 'quota'; limit: keyof typeof QUOTA_LIMITS; value: number | null }
  /** micros: micro-dollars (0 = no budget), or null for the configured default. */
  | { subcommand: 'budget'; period: keyof typeof BUDGET_PERIODS; micros: number | null }
  | { subcommand: 'ban'; user: string; reason: string }
  | { subcommand: 'unban' | 'purge'; user: string };

const choices = (names: readonly string[]): OptionChoice[] => names.map((n) => ({ name: n, value: n }));

const target = (what: string): OptionSpec & { kind: 'user' } => ({
  kind: 'user',
  name: 'user',
  description: what,
  required: true,
});

export const ATELIER_OPTIONS: OptionSpec[] = [
  {
    kind: 'subcommand',
    name: 'stats',
    description: 'Today here: jobs, failures, cost, queue, provider',
    options: [],
  },
  {
    kind: 'subcommand',
    name: 'usage',
    description: 'Images and cost per person and per model here',
    options: [
      {
        kind: 'string',
        name: 'period',
        description: 'today (default) or month',
        choices: choices(['today', 'month']),
      },
    ],
  },
  {
    kind: 'subcommand',
    name: 'limits',
    description: 'Show the quotas, budgets and pause switch here',
    options: [],
  },
  {
    kind: 'subcommand',
    name: 'quota',
    description: 'Set a quota (0 = no limit, default = the configured one)',
    options: [
      {
        kind: 'string',
        name: 'limit',
        description: 'Which quota',
        required: true,
        choices: choices(Object.keys(QUOTA_LIMITS)),
      },
      {
        kind: 'string',
        name: 'value',
        description: 'Images (0 = no limit) or default',
        required: true,
        maxLength: 10,
      },
    ],
  },
  {
    kind: 'subcommand',
    name: 'budget',
    description: 'Set a spending budget in US dollars (0 = none, default = the configured one)',
    options: [
      {
        kind: 'string',
        name: 'period',
        description: 'daily or monthly',
        required: true,
        choices: choices(Object.keys(BUDGET_PERIODS)),
      },
      {
        kind: 'string',
        name: 'usd',
        description: 'Dollars, such as 25 or 7.50, or default',
        required: true,
        maxLength: 12,
      },
    ],
  },
  { kind: 'subcommand', name: 'pause', description: 'Stop all image generation here', options: [] },
  { kind: 'subcommand', name: 'resume', description: 'Let image generation start again here', options: [] },
  {
    kind: 'subcommand',
    name: 'ban',
    description: 'Turn image generation off for one person here',
    options: [
      target('Who'),
      { kind: 'string', name: 'reason', description: 'Why (kept in the audit log)', maxLength: 200 },
    ],
  },
  {
    kind: 'subcommand',
    name: 'unban',
    description: 'Turn image generation back on for one person',
    options: [target('Who')],
  },
  {
    kind: 'subcommand',
    name: 'purge',
    description: 'Delete every image one person made here',
    options: [target('Whose images')],
  },
];

const user = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,64}$/, 'expected a user');
const plain = (subcommand: 'stats' | 'limits' | 'pause' | 'resume') =>
  z.strictObject({ subcommand: z.literal(subcommand) });

const count = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(default|\d{1,8})$/, 'expected a whole number of images (0 for no limit) or default')
  .transform((v) => (v === 'default' ? null : Number(v)));

const dollars = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(default|\$?\d{1,7}(\.\d{1,2})?)$/,
    'expected dollars such as 25 or 7.50 (0 for no budget) or default',
  )
  .transform((v) => (v === 'default' ? null : Math.round(Number(v.replace('$', '')) * 1_000_000)));

export const atelierSchema = z.discriminatedUnion(
  'subcommand',
  [
    plain('stats'),
    plain('limits'),
    plain('pause'),
    plain('resume'),
    z.strictObject({ subcommand: z.literal('usage'), period: z.enum(['today', 'month']).default('today') }),
    z.strictObject({
      subcommand: z.literal('quota'),
      limit: z.enum(Object.keys(QUOTA_LIMITS) as [keyof typeof QUOTA_LIMITS]),
      value: count,
    }),
    z
      .strictObject({
        subcommand: z.literal('budget'),
        period: z.enum(Object.keys(BUDGET_PERIODS) as [keyof typeof BUDGET_PERIODS]),
        usd: dollars,
      })
      .transform(({ subcommand, period, usd }) => ({ subcommand, period, micros: usd })),
    z.strictObject({
      subcommand: z.literal('ban'),
      user,
      reason: z.string().trim().max(200).default(''),
    }),
    z.strictObject({ subcommand: z.literal('unban'), user }),
    z.strictObject({ subcommand: z.literal('purge'), user }),
  ],
  { error: 'expected one of stats, usage, limits, quota, budget, pause, resume, ban, unban, purge' },
) as unknown as z.ZodType<AtelierInput>;
