import { type SQL, sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AuditAction } from '../../core/audit/audit-types.js';
import type { Aspect } from '../../core/catalog/schema.js';
import type { ErrorClass } from '../../core/errors.js';
import type { GenerationStatus, Platform, RecordedFit } from '../../core/types.js';

/** Statuses of jobs still in flight: what a restarted process must pick up. */
export const UNFINISHED_STATUSES = ['queued', 'submitted', 'generating', 'storing'] as const;

/**
 * Literal `is_example = 1`: the partial index's WHERE and the query's must match as written, and
 * SQLite cannot match a bound parameter against it.
 */
export const isExampleRow = (isExample: AnySQLiteColumn): SQL => sql`${isExample} = 1`;

/** Jobs that count toward quotas and budgets: failed ones were not the user's doing. Literal, like isExampleRow. */
export const countedRow = (status: AnySQLiteColumn): SQL => sql`${status} <> 'failed'`;

/**
 * Finished jobs with a chat message that has not been seen showing the outcome (see finalShownAt): the
 * predicate of the partial index generations_unshown_idx, which queries repeat word for word.
 */
export const UNSHOWN_FINAL =
  "final_shown_at is null and message_id is not null and status in ('done', 'failed', 'blocked')";

/**
 * One row per generation. No prompt text here (it lives in prompt_cache, keyed by prompt_hash), so a
 * typical row stays well under 1 KB. Times are epoch milliseconds.
 */
export const generations = sqliteTable(
  'generations',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    channelId: text('channel_id').notNull(),
    userId: text('user_id').notNull(),
    messageId: text('message_id'),
    replyRef: text('reply_ref'),
    catalogId: text('catalog_id').notNull(),
    /** Compact JSON: {"style":"noir","pose":"standing"}. */
    options: text('options', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    extra: text('extra').notNull().default(''),
    aspect: text('aspect').$type<Aspect>().notNull(),
    promptHash: text('prompt_hash').notNull(),
    seed: integer('seed').notNull(),
    model: text('model').notNull(),
    /** The fitted prompt's size in its budget's unit (T5 tokens or characters); null before it was kept. */
    promptTokens: integer('prompt_tokens'),
    /** Compact JSON: the budget and what was condensed or dropped ({"budget":{…},"dropped":["lighting"],…}). */
    promptFit: text('prompt_fit', { mode: 'json' }).$type<RecordedFit>(),
    status: text('status').$type<GenerationStatus>().notNull(),
    statusDetail: text('status_detail'),
    errorClass: text('error_class').$type<ErrorClass>(),
    errorMessage: text('error_message'),
    attempts: integer('attempts').notNull().default(0),
    requestId: text('request_id'),
    parentId: text('parent_id').references((): AnySQLiteColumn => generations.id, { onDelete: 'set null' }),
    sequenceId: text('sequence_id'),
    imageKey: text('image_key'),
    imageUrl: text('image_url'),
    thumbKey: text('thumb_key'),
    thumbUrl: text('thumb_url'),
    width: integer('width'),
    height: integer('height'),
    bytes: integer('bytes'),
    submittedAt: integer('submitted_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    costMicros: integer('cost_micros').notNull().default(0),
    isExample: integer('is_example', { mode: 'boolean' }).notNull().default(false),
    nsfwAllowed: integer('nsfw_allowed', { mode: 'boolean' }).notNull().default(false),
    /** Tombstone of a deleted result (status 'deleted'): when, and the platform user id who deleted it. */
    deletedAt: integer('deleted_at'),
    deletedBy: text('deleted_by'),
    /**
     * When the job's chat message was last seen showing its final state (null until then). A finished job
     * with a message and no value here is shown again at the next start: a crash between recording the
     * outcome and editing the message would otherwise leave the message stuck in an earlier state.
     */
    finalShownAt: integer('final_shown_at'),
    /** Replicas: the process running this unfinished job, and until when (renewed while it runs). */
    owner: text('owner'),
    leaseUntil: integer('lease_until'),
  },
  (t) => [
    // A user's history newest first: equality on (user, status), then index order. Platform, workspace
    // and catalog trail the order column so they filter inside the index (the count never reads rows,
    // a page reads only the rows it shows) and a query without them still uses it.
    index('generations_history_idx').on(
      t.userId,
      t.status,
      t.createdAt,
      t.platform,
      t.workspaceId,
      t.catalogId,
    ),
    // Unscoped history, recent provider durations and unfinished jobs (a few IN seeks, then a small sort).
    index('generations_status_created_idx').on(t.status, t.createdAt),
    index('generations_message_idx').on(t.platform, t.messageId).where(sql`${t.messageId} is not null`),
    index('generations_reuse_idx').on(t.promptHash, t.model, t.seed),
    index('generations_request_idx').on(t.requestId).where(sql`${t.requestId} is not null`),
    index('generations_parent_idx').on(t.parentId).where(sql`${t.parentId} is not null`),
    index('generations_sequence_idx').on(t.sequenceId).where(sql`${t.sequenceId} is not null`),
    index('generations_examples_idx').on(t.catalogId, t.createdAt).where(isExampleRow(t.isExample)),
    // Quotas and budgets: a workspace's jobs in a time window, counted and summed from the index alone
    // (status and cost ride along). A user's count uses generations_history_idx (user, status, time).
    // Partial, so only usage queries (which repeat its WHERE) use it and history keeps its own plans.
    index('generations_usage_workspace_idx')
      .on(t.workspaceId, t.platform, t.createdAt, t.status, t.costMicros)
      .where(countedRow(t.status)),
    // Usage reports over a window (per model, user or workspace).
    index('generations_created_idx').on(t.createdAt),
    // Finished jobs whose message may not show the outcome yet: a handful at any time, read at start.
    index('generations_unshown_idx').on(t.updatedAt).where(sql.raw(UNSHOWN_FINAL)),
  ],
);

/**
 * One row per (generation, dimension): the chosen option, with the scoping columns copied from the
 * generation so a filtered history page is a range scan of one index. Rows are derived from
 * generations.options in SQL (see option-index.ts); status follows generations.status by a trigger
 * (migration 0004), so every writer keeps them in step.
 */
export const generationOptions = sqliteTable(
  'generation_options',
  {
    generationId: text('generation_id')
      .notNull()
      .references(() => generations.id, { onDelete: 'cascade' }),
    dimension: text('dimension').notNull(),
    option: text('option').notNull(),
    userId: text('user_id').notNull(),
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    catalogId: text('catalog_id').notNull(),
    status: text('status').$type<GenerationStatus>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.generationId, t.dimension] }),
    // Same shape as generations_history_idx, with the filter's (dimension, option) in the equality part.
    index('generation_options_user_idx').on(
      t.userId,
      t.dimension,
      t.option,
      t.status,
      t.createdAt,
      t.platform,
      t.workspaceId,
      t.catalogId,
    ),
  ],
);

export const promptCache = sqliteTable('prompt_cache', {
  hash: text('hash').primaryKey(),
  catalogId: text('catalog_id').notNull(),
  prompt: text('prompt').notNull(),
  negativePrompt: text('negative_prompt').notNull(),
  /** The canonical params as JSON, as the prompt engine produced them. */
  params: text('params').notNull(),
  createdAt: integer('created_at').notNull(),
  hits: integer('hits').notNull().default(0),
});

/** Who did what, when and from where. Rows are only ever added. Times are epoch milliseconds. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    channelId: text('channel_id').notNull(),
    userId: text('user_id').notNull(),
    action: text('action').$type<AuditAction>().notNull(),
    /** The generation acted on, if any (no foreign key: the log outlives what it mentions). */
    targetId: text('target_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

/**
 * Per-workspace quota and budget settings; a null column falls back to the configured default. Budgets
 * are micro-dollars.
 */
export const quotaSettings = sqliteTable(
  'quota_settings',
  {
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    userHourly: integer('user_hourly'),
    userDaily: integer('user_daily'),
    workspaceDaily: integer('workspace_daily'),
    userInFlight: integer('user_in_flight'),
    budgetDailyMicros: integer('budget_daily_micros'),
    budgetMonthlyMicros: integer('budget_monthly_micros'),
    /** An admin paused generation in this workspace (/atelier pause); null or false: running. */
    paused: integer('paused', { mode: 'boolean' }),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspaceId] })],
);

/** Users an admin banned from generating in a workspace (/atelier ban); unban deletes the row. */
export const userBans = sqliteTable(
  'user_bans',
  {
    platform: text('platform').$type<Platform>().notNull(),
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    reason: text('reason').notNull().default(''),
    bannedBy: text('banned_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspaceId, t.userId] })],
);

/**
 * When each alert condition was last posted, shared by every process on the database, so replicas post
 * one alert per condition per window between them.
 */
export const alertState = sqliteTable('alert_state', {
  key: text('key').primaryKey(),
  lastSentAt: integer('last_sent_at').notNull(),
});

export const schema = {
  generations,
  generationOptions,
  promptCache,
  auditLog,
  quotaSettings,
  userBans,
  alertState,
};

export type GenerationRow = typeof generations.$inferSelect;
export type GenerationInsert = typeof generations.$inferInsert;
