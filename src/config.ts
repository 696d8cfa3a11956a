/**
 * The only reader of process.env. Every variable is validated at once so a bad start-up names every
 * problem in one message; the result is frozen. `.env.example` mirrors this file key for key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { resolveFalProfiles } from './config-models.js';
import type { Config } from './config-types.js';
import { blocklistEntries, blocklistEntryProblem, commaList, parseAlertChannel } from './config-values.js';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v), { message: `expected ${what}` });

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: `expected a whole number from ${min} to ${max}` })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`);

const endpoint = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w./-]+$/, `expected an endpoint id such as ${fallback}`)
    .default(fallback);

/** Dollars (0 = no budget), kept as whole micro-dollars. */
const usd = z.coerce
  .number({ message: 'expected an amount in US dollars, such as 25 or 7.50 (0 for no budget)' })
  .min(0, 'expected an amount in US dollars, 0 or more')
  .max(1_000_000, 'expected at most 1000000 dollars')
  .default(0)
  .transform((v) => Math.round(v * 1_000_000));

const envSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: optionalString.refine((v) => v === undefined || /^\d{5,20}$/.test(v), {
    message: 'expected the numeric application id from the Discord developer portal',
  }),
  DISCORD_DEV_GUILD_ID: optionalString.refine((v) => v === undefined || /^\d{5,20}$/.test(v), {
    message: 'expected a numeric guild (server) id',
  }),
  DISCORD_API_URL: url('an http(s) URL such as https://discord.com/api').default('https://discord.com/api'),
  DISCORD_SHARDS: optionalString.refine((v) => v === undefined || v === 'auto' || /^[1-9]\d{0,3}$/.test(v), {
    message: 'expected a number of shards or "auto"',
  }),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'expected an app-level token starting with xapp-',
  }),
  SLACK_API_URL: url('an http(s) URL such as https://slack.com/api/').default('https://slack.com/api/'),
  FAL_KEY: optionalString,
  FAL_MODEL: endpoint('fal-ai/flux/schnell'),
  FAL_FALLBACK_MODELS: z
    .string()
    .default('')
    .transform(commaList)
    .refine((list) => list.every((m) => /^[\w.-]+\/[\w./-]+$/.test(m)), {
      message: 'expected comma-separated endpoint ids',
    }),
  FAL_MODEL_PROFILE: optionalString,
  FAL_EDIT_MODEL: endpoint('fal-ai/flux-pro/kontext'),
  FAL_UPSCALE_MODEL: endpoint('fal-ai/clarity-upscaler'),
  FAL_VARIATION_MODEL: endpoint('fal-ai/flux/dev/image-to-image'),
  DEFAULT_COUNT: int(1, 4).default(1),
  FAL_QUEUE_URL: url('an http(s) URL such as https://queue.fal.run').default('https://queue.fal.run'),
  FAL_REST_URL: url('an http(s) URL such as https://rest.fal.ai').default('https://rest.fal.ai'),
  PROVIDER_CONCURRENCY: int(1, 100).default(2),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^(file:|libsql:\/\/|https?:\/\/|:memory:)/,
      'expected file:…, libsql://…, http(s)://… or :memory:',
    )
    .default('file:./data/atelier.db'),
  DATABASE_AUTH_TOKEN: optionalString,
  STORAGE_DRIVER: z.enum(['local', 'r2'], { message: 'expected "local" or "r2"' }).default('local'),
  STORAGE_DIR: z.string().trim().min(1).default('./data/media'),
  R2_ENDPOINT: optionalString.refine((v) => v === undefined || URL.canParse(v), {
    message: 'expected a URL',
  }),
  R2_ACCESS_KEY_ID: optionalString,
  R2_SECRET_ACCESS_KEY: optionalString,
  R2_BUCKET: optionalString,
  PUBLIC_MEDIA_URL: optionalString.refine((v) => v === undefined || URL.canParse(v), {
    message: 'expected a URL',
  }),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'expected redis://host:port',
  }),
  HTTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  HTTP_PORT: int(0, 65535).default(3000),
  OPS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  OPS_PORT: int(0, 65535).default(9464),
  PUBLIC_BASE_URL: url('the public http(s) URL of this bot').default('http://localhost:3000'),
  WEB_LINK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'expected at least 16 characters',
  }),
  MEDIA_DELIVERY: z
    .enum(['auto', 'link', 'upload'], { message: 'expected auto, link or upload' })
    .default('auto'),
  QUOTA_USER_HOURLY: int(0, 1_000_000).default(0),
  QUOTA_USER_DAILY: int(0, 1_000_000).default(0),
  QUOTA_WORKSPACE_DAILY: int(0, 10_000_000).default(0),
  QUOTA_USER_IN_FLIGHT: int(0, 1_000).default(20),
  BUDGET_WORKSPACE_DAILY_USD: usd,
  BUDGET_WORKSPACE_MONTHLY_USD: usd,
  MODERATION_BLOCKLIST: z.string().default(''),
  MODERATION_BLOCKLIST_FILE: optionalString,
  NSFW_POLICY: z
    .enum(['never', 'nsfw-channels'], { message: 'expected never or nsfw-channels' })
    .default('never'),
  SLACK_ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform(commaList)
    .refine((list) => list.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), {
      message: 'expected comma-separated Slack user ids such as U012ABCDEF',
    }),
  DASHBOARD_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'expected at least 16 characters (the usage dashboard is off when empty)',
  }),
  ALERT_CHANNEL: optionalString.refine(
    (v) => v === undefined || /^(discord:\d{5,20}|slack:[CGD][A-Z0-9]{2,})$/.test(v),
    {
      message: 'expected discord:<channel id> or slack:<channel id>, such as discord:123456789012345678',
    },
  ),
  ALERT_WINDOW_MINUTES: int(1, 1440).default(30),
  ALERT_ERROR_RATE_PERCENT: int(1, 100).default(25),
  ALERT_BUDGET_PERCENT: z
    .string()
    .default('80,100')
    .transform(commaList)
    .refine((list) => list.every((p) => /^\d{1,3}$/.test(p) && Number(p) >= 1 && Number(p) <= 100), {
      message: 'expected comma-separated percentages from 1 to 100, such as 80,100',
    })
    .transform((list) => [...new Set(list.map(Number))].sort((a, b) => a - b)),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

type Env = z.infer<typeof envSchema>;

export type {
  AdminConfig,
  AlertsConfig,
  Config,
  DiscordConfig,
  ModerationConfig,
  SlackConfig,
  StorageConfig,
} from './config-types.js';
export { blocklistEntryProblem } from './config-values.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(
      `Atelier cannot start: fix ${problems.length === 1 ? 'this setting' : 'these settings'} (in .env or the environment):\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nSee .env.example for every setting. To try the bot offline, run: npm run sandbox`,
    );
  }
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** Reads `.env` (when present) into process.env; real environment variables win. */
export function loadDotEnv(path = resolve(process.cwd(), '.env')): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function parseConfig(source: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(source);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  if (env.DISCORD_TOKEN && !env.DISCORD_APP_ID)
    problems.push('DISCORD_APP_ID: required when DISCORD_TOKEN is set (the application id of the bot)');
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
    problems.push(
      'SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (unless SLACK_APP_TOKEN enables Socket Mode)',
    );
  if (env.STORAGE_DRIVER === 'r2') {
    for (const key of [
      'R2_ENDPOINT',
      'R2_ACCESS_KEY_ID',
      'R2_SECRET_ACCESS_KEY',
      'R2_BUCKET',
      'PUBLIC_MEDIA_URL',
    ] as const)
      if (!env[key]) problems.push(`${key}: required when STORAGE_DRIVER=r2`);
  }
  for (const entry of blocklistEntries(env.MODERATION_BLOCKLIST)) {
    const problem = blocklistEntryProblem(entry);
    if (problem) problems.push(`MODERATION_BLOCKLIST: ${problem}`);
  }
  if (env.MODERATION_BLOCKLIST_FILE && !existsSync(resolve(env.MODERATION_BLOCKLIST_FILE)))
    problems.push(`MODERATION_BLOCKLIST_FILE: no file at ${resolve(env.MODERATION_BLOCKLIST_FILE)}`);
  const { chain: profiles, actions } = resolveFalProfiles(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const publicBaseUrl = trimSlash(env.PUBLIC_BASE_URL);
  const config: Config = {
    discord: env.DISCORD_TOKEN
      ? {
          token: env.DISCORD_TOKEN,
          appId: env.DISCORD_APP_ID!,
          devGuildId: env.DISCORD_DEV_GUILD_ID,
          apiUrl: trimSlash(env.DISCORD_API_URL),
          shards:
            env.DISCORD_SHARDS === undefined || env.DISCORD_SHARDS === 'auto'
              ? env.DISCORD_SHARDS
              : Number(env.DISCORD_SHARDS),
        }
      : undefined,
    slack: env.SLACK_BOT_TOKEN
      ? {
          botToken: env.SLACK_BOT_TOKEN,
          signingSecret: env.SLACK_SIGNING_SECRET,
          appToken: env.SLACK_APP_TOKEN,
          apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
        }
      : undefined,
    fal: {
      key: env.FAL_KEY,
      model: env.FAL_MODEL,
      fallbackModels: env.FAL_FALLBACK_MODELS,
      profiles,
      actions,
      queueUrl: trimSlash(env.FAL_QUEUE_URL),
      restUrl: trimSlash(env.FAL_REST_URL),
    },
    defaultCount: env.DEFAULT_COUNT,
    providerConcurrency: env.PROVIDER_CONCURRENCY,
    database: { url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN },
    storage:
      env.STORAGE_DRIVER === 'r2'
        ? {
            driver: 'r2',
            endpoint: env.R2_ENDPOINT!,
            accessKeyId: env.R2_ACCESS_KEY_ID!,
            secretAccessKey: env.R2_SECRET_ACCESS_KEY!,
            bucket: env.R2_BUCKET!,
            publicUrl: trimSlash(env.PUBLIC_MEDIA_URL!),
          }
        : { driver: 'local', dir: resolve(env.STORAGE_DIR), publicBaseUrl },
    redisUrl: env.REDIS_URL,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    ops: { host: env.OPS_HOST, port: env.OPS_PORT },
    publicBaseUrl,
    mediaDelivery: env.MEDIA_DELIVERY,
    webLinkSecret: env.WEB_LINK_SECRET ?? deriveLinkSecret(env),
    limits: {
      userHourly: env.QUOTA_USER_HOURLY,
      userDaily: env.QUOTA_USER_DAILY,
      workspaceDaily: env.QUOTA_WORKSPACE_DAILY,
      userInFlight: env.QUOTA_USER_IN_FLIGHT,
      budgetDailyMicros: env.BUDGET_WORKSPACE_DAILY_USD,
      budgetMonthlyMicros: env.BUDGET_WORKSPACE_MONTHLY_USD,
    },
    moderation: {
      blocklist: blocklistEntries(env.MODERATION_BLOCKLIST),
      blocklistFile: env.MODERATION_BLOCKLIST_FILE ? resolve(env.MODERATION_BLOCKLIST_FILE) : undefined,
      nsfw: env.NSFW_POLICY,
    },
    admin: { slackAdminUserIds: env.SLACK_ADMIN_USER_IDS, dashboardToken: env.DASHBOARD_TOKEN },
    alerts: {
      channel: env.ALERT_CHANNEL ? parseAlertChannel(env.ALERT_CHANNEL) : undefined,
      windowMs: env.ALERT_WINDOW_MINUTES * 60_000,
      errorRate: env.ALERT_ERROR_RATE_PERCENT / 100,
      budgetThresholds: env.ALERT_BUDGET_PERCENT.map((p) => p / 100),
    },
    logLevel: env.LOG_LEVEL,
    logLevelExplicit: Boolean(source.LOG_LEVEL?.trim()),
  };
  return deepFreeze(config);
}

/** What a command needs beyond the defaults; each CLI command asks only for what it uses. */
export type Requirement = 'fal' | 'platform';

export function requireSettings(config: Config, needs: readonly Requirement[]): void {
  const problems: string[] = [];
  if (needs.includes('fal') && !config.fal.key)
    problems.push('FAL_KEY: required to generate images (create a key at https://fal.ai/dashboard/keys)');
  if (needs.includes('platform') && !config.discord && !config.slack)
    problems.push(
      'DISCORD_TOKEN or SLACK_BOT_TOKEN: set at least one chat platform (DISCORD_TOKEN + DISCORD_APP_ID, or SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET)',
    );
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Reads .env and the environment. */
export function loadConfig(): Readonly<Config> {
  loadDotEnv();
  return parseConfig(process.env);
}

function deriveLinkSecret(env: Env): string {
  const material = [env.DISCORD_TOKEN, env.SLACK_SIGNING_SECRET, env.SLACK_BOT_TOKEN, env.FAL_KEY]
    .filter(Boolean)
    .join('|');
  // With no secret at all (tests, sandbox) links are valid for this process only.
  return createHmac('sha256', material || randomBytes(32))
    .update('atelier-web-links')
    .digest('hex');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
