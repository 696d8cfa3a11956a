/** The shape of Atelier's configuration (src/config.ts reads and validates it). */
import type { ModelProfile } from './core/generation/model-profile.js';
import type { Limits } from './core/policy/policy-types.js';
import type { ImageActionKind } from './core/ports.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface DiscordConfig {
  token: string;
  appId: string;
  devGuildId: string | undefined;
  apiUrl: string;
  shards: number | 'auto' | undefined;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string;
}

export type StorageConfig =
  | { driver: 'local'; dir: string; publicBaseUrl: string }
  | {
      driver: 'r2';
      endpoint: string;
      accessKeyId: string;
      secretAccessKey: string;
      bucket: string;
      publicUrl: string;
    };

export interface Config {
  discord: DiscordConfig | undefined;
  slack: SlackConfig | undefined;
  fal: {
    key: string | undefined;
    model: string;
    fallbackModels: string[];
    /** The profiles of FAL_MODEL then FAL_FALLBACK_MODELS, in that order. */
    profiles: ModelProfile[];
    /** FAL_VARIATION_MODEL, FAL_EDIT_MODEL, FAL_UPSCALE_MODEL: each a profile serving that action. */
    actions: Record<ImageActionKind, ModelProfile>;
    queueUrl: string;
    /** FAL_REST_URL: fal's REST host (storage upload), rewritten like the queue host. */
    restUrl: string;
  };
  /** DEFAULT_COUNT: images per command when the command does not say (1–4). */
  defaultCount: number;
  providerConcurrency: number;
  database: { url: string; authToken: string | undefined };
  storage: StorageConfig;
  redisUrl: string | undefined;
  http: { host: string; port: number };
  /** The ops listener (/metrics, /readyz): private, loopback unless the operator opens it. */
  ops: { host: string; port: number };
  publicBaseUrl: string;
  mediaDelivery: 'auto' | 'link' | 'upload';
  /** Signs gallery links; derived from the platform secrets when unset, so links survive restarts. */
  webLinkSecret: string;
  /** Default quotas and budgets for every workspace (0 = no limit); admins override them per workspace. */
  limits: Limits;
  moderation: ModerationConfig;
  admin: AdminConfig;
  alerts: AlertsConfig;
  logLevel: LogLevel;
  /** Whether LOG_LEVEL was set: the CLI stays quiet (warn) unless asked, so its JSON output stays clean. */
  logLevelExplicit: boolean;
}

export interface ModerationConfig {
  /**
   * MODERATION_BLOCKLIST entries as written: a word or phrase, or a /regular expression/flags. Checked on
   * free text before anything is recorded or spent.
   */
  blocklist: string[];
  /** A file with one blocklist entry per line (# comments), read at start-up. */
  blocklistFile: string | undefined;
  /** never: flagged images are never posted; nsfw-channels: posted only in channels marked NSFW. */
  nsfw: 'never' | 'nsfw-channels';
}

export interface AdminConfig {
  /** Slack users who may run /atelier (Discord uses the Manage Server permission). */
  slackAdminUserIds: string[];
  /** Bearer token for the usage dashboard at /admin; undefined: the dashboard is off. */
  dashboardToken: string | undefined;
}

export interface AlertsConfig {
  /** Where alerts are posted; undefined: alerts are only logged. */
  channel: { platform: 'discord' | 'slack'; channelId: string } | undefined;
  /** One alert per condition per window. */
  windowMs: number;
  /** Failed share of finished jobs (over the window) that raises an alert, 0–1. */
  errorRate: number;
  /** Budget use (fractions of a budget, ascending) at which an alert is raised. */
  budgetThresholds: number[];
}
