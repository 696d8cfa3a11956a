import { type SQL, sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Aspect } from '../../core/catalog/schema.js';
import type { ErrorClass } from '../../core/errors.js';
import type { GenerationStatus, Platform } from '../../core/types.js';

/** Statuses of jobs still in flight: what a restarted process must pick up. */
export const UNFINISHED_STATUSES = ['queued', 'submitted', 'generating', 'storing'] as const;

/**
 * Literal `is_example = 1`: the partial index's WHERE and the query's must match as written, and
 * SQLite cannot match a bound parameter against it.
 */
export const isExampleRow = (isExample: AnySQLiteColumn): SQL => sql`${isExample} = 1`;

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
  },
  (t) => [
    // A user's history newest first: equality on (user, status), then index order. Platform and
    // catalog trail the order column so they filter inside the index (the count never reads rows) and
    // a query without a platform still uses it.
    index('generations_history_idx').on(t.userId, t.status, t.createdAt, t.platform, t.catalogId),
    // Unscoped history, recent provider durations and unfinished jobs (a few IN seeks, then a small sort).
    index('generations_status_created_idx').on(t.status, t.createdAt),
    index('generations_message_idx').on(t.platform, t.messageId).where(sql`${t.messageId} is not null`),
    index('generations_reuse_idx').on(t.promptHash, t.model, t.seed),
    index('generations_request_idx').on(t.requestId).where(sql`${t.requestId} is not null`),
    index('generations_parent_idx').on(t.parentId).where(sql`${t.parentId} is not null`),
    index('generations_sequence_idx').on(t.sequenceId).where(sql`${t.sequenceId} is not null`),
    index('generations_examples_idx').on(t.catalogId, t.createdAt).where(isExampleRow(t.isExample)),
  ],
);

/**
 * One row per (generation, dimension): the chosen option, with the scoping columns copied from the
 * generation so a filtered history page is a range scan of one index. Rows are derived from
 * generations.options in SQL (see option-index.ts); status is kept in sync on every status change.
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

export const schema = { generations, generationOptions, promptCache };

export type GenerationRow = typeof generations.$inferSelect;
export type GenerationInsert = typeof generations.$inferInsert;
