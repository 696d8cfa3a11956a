import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { systemClock } from '../../core/clock.js';
import { UserError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import type { Generation, GenerationPatch, GenerationRepository } from '../../core/types.js';
import type { Db } from './database.js';
import { newGeneration, toGeneration } from './generation-mapping.js';
import { historyStatements } from './history-query.js';
import { createJobLeases, type LeaseSettings, leaseOf } from './job-leases.js';
import { deleteOptionRows, insertOptionRows, updateOptionStatus } from './option-index.js';
import { generations as g, generationOptions, isExampleRow, UNFINISHED_STATUSES } from './schema.js';

/** Patch fields copied onto generation_options rows: changing one means rebuilding them. */
const INDEXED_FIELDS = ['options', 'platform', 'userId', 'workspaceId', 'catalogId'] as const;

export interface GenerationRepositoryOptions {
  /** Several processes share the database: new jobs are leased to this one (see JobLeases). */
  lease?: LeaseSettings;
}

export function createGenerationRepository(
  db: Db,
  clock: Clock = systemClock,
  options: GenerationRepositoryOptions = {},
): GenerationRepository {
  const first = async (rows: Promise<(typeof g.$inferSelect)[]>) => {
    const [row] = await rows;
    return row ? toGeneration(row) : undefined;
  };

  return {
    ...(options.lease ? { leases: createJobLeases(db, clock, options.lease) } : {}),

    async create(input) {
      const record = newGeneration(input, clock.now(), randomUUID);
      const [rows] = await db.batch([
        db
          .insert(g)
          .values({ ...record, ...leaseOf(options.lease, clock.now()) })
          .returning(),
        insertOptionRows(db, [record.id]),
      ]);
      return toGeneration(rows[0]!);
    },

    async update(id, patch) {
      const { id: _id, createdAt: _createdAt, ...fields } = patch as GenerationPatch & Partial<Generation>;
      const set = { ...fields, updatedAt: fields.updatedAt ?? clock.now() };
      const updated = db.update(g).set(set).where(eq(g.id, id)).returning();
      const sync: BatchItem<'sqlite'>[] = [];
      if (INDEXED_FIELDS.some((f) => fields[f] !== undefined)) {
        sync.push(deleteOptionRows(db, id), insertOptionRows(db, [id]));
      } else if (fields.status !== undefined) {
        sync.push(updateOptionStatus(db, id, fields.status));
      }
      const [rows] = await db.batch([updated, ...sync]);
      const [row] = rows;
      // A domain error, not a database one: callers retrying database trouble must not retry this.
      if (!row) throw new UserError('not_found', `Generation ${id} does not exist.`);
      return toGeneration(row);
    },

    get: (id) => first(db.select().from(g).where(eq(g.id, id)).limit(1)),

    findByMessage: (platform, messageId) =>
      first(
        db
          .select()
          .from(g)
          .where(and(eq(g.platform, platform), eq(g.messageId, messageId)))
          .orderBy(desc(g.createdAt))
          .limit(1),
      ),

    async findUnfinished() {
      const rows = await db
        .select()
        .from(g)
        .where(inArray(g.status, [...UNFINISHED_STATUSES]))
        .orderBy(asc(g.createdAt), asc(g.id));
      return rows.map(toGeneration);
    },

    findReusable: (promptHash, model, seed) =>
      first(
        db
          .select()
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
          .limit(1),
      ),

    async history(query) {
      const statements = historyStatements(db, query);
      const [page, total] = await db.batch([statements.page, statements.count]);
      return { items: page.map((r) => toGeneration(r.g)), total: total[0]?.n ?? 0 };
    },

    async examples(catalogId, dimension) {
      const rows = await db
        .select({ g, option: generationOptions.option })
        .from(g)
        .innerJoin(
          generationOptions,
          and(eq(generationOptions.generationId, g.id), eq(generationOptions.dimension, dimension)),
        )
        .where(and(eq(g.catalogId, catalogId), isExampleRow(g.isExample), eq(g.status, 'done')))
        .orderBy(desc(g.createdAt), desc(g.id));
      // Newest example of each option wins; there are only a few per catalog.
      const byOption = new Map<string, Generation>();
      for (const row of rows) if (!byOption.has(row.option)) byOption.set(row.option, toGeneration(row.g));
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
