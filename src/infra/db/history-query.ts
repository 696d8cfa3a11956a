import type { InStatement, InValue } from '@libsql/client';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { HistoryQuery } from '../../core/types.js';
import type { Db } from './database.js';
import { RECORD_JSON } from './record-json.js';
import { generationOptions, generations } from './schema.js';

export interface HistoryStatements {
  page: InStatement;
  count: InStatement;
  /** With query.countLimit: the count reads at most this many rows; reaching it means "more than one less". */
  countStop?: number;
}

const toStatement = (query: { toSQL(): { sql: string; params: unknown[] } }): InStatement => {
  const built = query.toSQL();
  return { sql: built.sql, args: built.params as InValue[] };
};

/**
 * The two statements behind one history page: the rows and the total. Kept apart from the repository
 * so tests can EXPLAIN them.
 *
 * Without dimension filters both are a range of generations_history_idx (user, status | created_at,
 * platform, workspace, catalog). With filters, the first filter's option rows drive through
 * generation_options_user_idx (user, dimension, option, status | created_at, platform, workspace,
 * catalog) and every further filter is a primary-key probe of generation_options; the count never touches
 * generations. Ties on created_at are broken by id so paging is stable; SQLite then sorts only runs of
 * equal created_at as it walks the index ("RIGHT PART OF ORDER BY") and still stops at the limit. (A
 * rowid tie-break would make generations_status_created_idx look sort-free and win the plan.)
 * With countLimit the count reads at most offset + countLimit + 1 index entries, so a heavy user's total
 * costs about as much as the page asked for instead of a walk over all their records.
 */
export function historyStatements(db: Db, query: HistoryQuery): HistoryStatements {
  const status = query.status ?? 'done';
  const filters = Object.entries(query.filters ?? {});
  const [first, ...more] = filters;
  const countStop = query.countLimit === undefined ? undefined : query.offset + query.countLimit + 1;
  const record = sql.raw(RECORD_JSON);
  const one = sql`1`;

  if (!first) {
    const g = generations;
    const where = and(
      eq(g.status, status),
      query.userId === undefined ? undefined : eq(g.userId, query.userId),
      query.platform === undefined ? undefined : eq(g.platform, query.platform),
      query.workspaceId === undefined ? undefined : eq(g.workspaceId, query.workspaceId),
      query.catalogId === undefined ? undefined : eq(g.catalogId, query.catalogId),
    );
    const page = db
      .select({ r: record })
      .from(g)
      .where(where)
      .orderBy(desc(g.createdAt), desc(g.id))
      .limit(query.limit)
      .offset(query.offset);
    const total =
      countStop === undefined
        ? db.select({ n: count() }).from(g).where(where)
        : db
            .select({ n: count() })
            .from(db.select({ one }).from(g).where(where).limit(countStop).as('counted'));
    return { page: toStatement(page), count: toStatement(total), ...(countStop ? { countStop } : {}) };
  }

  const o0 = alias(generationOptions, 'o0');
  const where = and(
    eq(o0.dimension, first[0]),
    eq(o0.option, first[1]),
    eq(o0.status, status),
    query.userId === undefined ? undefined : eq(o0.userId, query.userId),
    query.platform === undefined ? undefined : eq(o0.platform, query.platform),
    query.workspaceId === undefined ? undefined : eq(o0.workspaceId, query.workspaceId),
    query.catalogId === undefined ? undefined : eq(o0.catalogId, query.catalogId),
  );
  const joins = more.map(([dimension, option], i) => {
    const o = alias(generationOptions, `o${i + 1}`);
    return {
      table: o,
      on: and(eq(o.generationId, o0.generationId), eq(o.dimension, dimension), eq(o.option, option)),
    };
  });
  let page = db.select({ r: record }).from(o0).$dynamic();
  let all = db.select({ n: count() }).from(o0).$dynamic();
  let matches = db.select({ one }).from(o0).$dynamic();
  for (const j of joins) {
    page = page.innerJoin(j.table, j.on);
    all = all.innerJoin(j.table, j.on);
    matches = matches.innerJoin(j.table, j.on);
  }
  const total =
    countStop === undefined
      ? all.where(where)
      : db.select({ n: count() }).from(matches.where(where).limit(countStop).as('counted'));
  return {
    page: toStatement(
      page
        .innerJoin(generations, eq(generations.id, o0.generationId))
        .where(where)
        .orderBy(desc(o0.createdAt), desc(o0.generationId))
        .limit(query.limit)
        .offset(query.offset),
    ),
    count: toStatement(total),
    ...(countStop ? { countStop } : {}),
  };
}
