import { randomUUID } from 'node:crypto';
import type { ResultSet } from '@libsql/client';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { systemClock } from '../../core/clock.js';
import { UserError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import type { Generation, GenerationPatch, GenerationRepository } from '../../core/types.js';
import type { Db } from './database.js';
import { newGeneration } from './generation-mapping.js';
import { historyStatements } from './history-query.js';
import { createJobLeases, type LeaseSettings, leaseOf } from './job-leases.js';
import { deleteOptionRows, insertOptionRows } from './option-index.js';
import { fromRecordJson, RECORD_JSON } from './record-json.js';
import {
  generations as g,
  generationOptions,
  isExampleRow,
  UNFINISHED_STATUSES,
  UNSHOWN_FINAL,
} from './schema.js';
import { insertStatement, updateStatement } from './write-statements.js';

/** Patch fields copied onto generation_options rows: changing one means rebuilding them. */
const INDEXED_FIELDS = ['options', 'platform', 'userId', 'workspaceId', 'catalogId'] as const;

const record = sql.raw(RECORD_JSON);
const GET_SQL = `SELECT ${RECORD_JSON} AS r FROM generations WHERE id = ? LIMIT 1`;
// The planner would pick the status index (nearly every row is done); the partial index holds only a few.
const UNSHOWN_SQL = `SELECT ${RECORD_JSON} AS r FROM generations INDEXED BY generations_unshown_idx WHERE ${UNSHOWN_FINAL} AND updated_at >= ? ORDER BY updated_at DESC LIMIT ?`;
const BY_MESSAGE_SQL = `SELECT ${RECORD_JSON} AS r FROM generations WHERE platform = ? AND message_id = ? ORDER BY created_at DESC LIMIT 1`;

export interface GenerationRepositoryOptions {
  /** Several processes share the database: new jobs are leased to this one (see JobLeases). */
  lease?: LeaseSettings;
}

/** The record after a write of `patch` (fields left undefined are not written). */
function applyPatch(base: Generation, patch: GenerationPatch): Generation {
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
  return next as unknown as Generation;
}

const firstOf = (result: ResultSet): Generation | undefined => {
  const row = result.rows[0];
  return row ? fromRecordJson(row[0]) : undefined;
};

/**
 * Generations on libSQL. The hot statements (a job's insert and status writes, reads by id) are plain
 * SQL with cached text, and rows come back as one JSON column (record-json.ts): per job the repository
 * cost is dominated by JavaScript, not SQLite.
 */
export function createGenerationRepository(
  db: Db,
  clock: Clock = systemClock,
  options: GenerationRepositoryOptions = {},
): GenerationRepository {
  const client = db.$client;

  async function write(id: string, patch: GenerationPatch, readBack: boolean) {
    const { id: _id, createdAt: _createdAt, ...fields } = patch as GenerationPatch & Partial<Generation>;
    const set: GenerationPatch = { ...fields, updatedAt: fields.updatedAt ?? clock.now() };
    // Reading the row back (RETURNING) costs more than the write itself: only when the caller needs it.
    const updated = updateStatement(id, set, readBack ? RECORD_JSON : undefined);
    // generation_options.status follows generations.status by trigger (migration 0004).
    const result = INDEXED_FIELDS.some((f) => fields[f] !== undefined)
      ? (await client.batch([updated, deleteOptionRows(id), insertOptionRows([id])], 'write'))[0]!
      : await client.execute(updated);
    return { set, result };
  }

  return {
    ...(options.lease ? { leases: createJobLeases(db, clock, options.lease) } : {}),

    async create(input) {
      const created = newGeneration(input, clock.now(), randomUUID);
      await client.batch(
        [
          insertStatement({ ...created, ...leaseOf(options.lease, clock.now()) }),
          insertOptionRows([created.id]),
        ],
        'write',
      );
      return created;
    },

    async update(id, patch, base) {
      const { set, result } = await write(id, patch, !base);
      const row = base ? (result.rowsAffected > 0 ? applyPatch(base, set) : undefined) : firstOf(result);
      // A domain error, not a database one: callers retrying database trouble must not retry this.
      if (!row) throw new UserError('not_found', `Generation ${id} does not exist.`);
      return row;
    },

    async patch(id, patch) {
      const { result } = await write(id, patch, false);
      if (result.rowsAffected === 0) throw new UserError('not_found', `Generation ${id} does not exist.`);
    },

    get: async (id) => firstOf(await client.execute({ sql: GET_SQL, args: [id] })),

    findByMessage: async (platform, messageId) =>
      firstOf(await client.execute({ sql: BY_MESSAGE_SQL, args: [platform, messageId] })),

    async findUnfinished() {
      const rows = await db
        .select({ r: record })
        .from(g)
        .where(inArray(g.status, [...UNFINISHED_STATUSES]))
        .orderBy(asc(g.createdAt), asc(g.id));
      return rows.map((row) => fromRecordJson(row.r));
    },

    async markFinalShown(ids, at) {
      if (ids.length === 0) return;
      await db
        .update(g)
        .set({ finalShownAt: at })
        .where(inArray(g.id, [...ids]));
    },

    async findUnshownFinals(since, limit) {
      const result = await client.execute({ sql: UNSHOWN_SQL, args: [since, limit] });
      return result.rows.map((row) => fromRecordJson(row[0]));
    },

    async findReusable(promptHash, model, seed) {
      const [row] = await db
        .select({ r: record })
        .from(g)
        .where(
          and(
            eq(g.promptHash, promptHash),
            eq(g.model, model),
            eq(g.seed, seed),
            eq(g.status, 'done'),
            isNotNull(g.imageUrl),
          ),
        )
        // Any match will do; an ORDER BY created_at would tempt the planner onto the status index.
        .limit(1);
      return row ? fromRecordJson(row.r) : undefined;
    },

    async history(query) {
      const statements = historyStatements(db, query);
      const [page, total] = await client.batch([statements.page, statements.count], 'read');
      const n = Number(total?.rows[0]?.[0] ?? 0);
      const items = (page?.rows ?? []).map((row) => fromRecordJson(row[0]));
      const stop = statements.countStop;
      return stop !== undefined && n >= stop ? { items, total: stop - 1, more: true } : { items, total: n };
    },

    async examples(catalogId, dimension) {
      const rows = await db
        .select({ r: record, option: generationOptions.option })
        .from(g)
        .innerJoin(
          generationOptions,
          and(eq(generationOptions.generationId, g.id), eq(generationOptions.dimension, dimension)),
        )
        .where(and(eq(g.catalogId, catalogId), isExampleRow(g.isExample), eq(g.status, 'done')))
        .orderBy(desc(g.createdAt), desc(g.id));
      // Newest example of each option wins; there are only a few per catalog.
      const byOption = new Map<string, Generation>();
      for (const row of rows) if (!byOption.has(row.option)) byOption.set(row.option, fromRecordJson(row.r));
      return [...byOption.values()];
    },

    async recentDurations(limit) {
      const rows = await db
        .select({ ms: sql<number>`${g.finishedAt} - ${g.submittedAt}` })
        .from(g)
        .where(and(eq(g.status, 'done'), isNotNull(g.submittedAt), isNotNull(g.finishedAt)))
        .orderBy(desc(g.createdAt))
        .limit(limit);
      return rows.map((r) => r.ms);
    },
  };
}
