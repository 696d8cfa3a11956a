import { type SQL, sql } from 'drizzle-orm';
import type { GenerationStatus, Platform } from '../../core/types.js';
import type { WorkspaceRef } from '../../web/admin/dashboard-types.js';

/** Duration bins per unit of ln(ms): 2 % wide, so a percentile is off by at most 2 % (exact in a one-value bin). */
const BINS_PER_E = 50;

/** Where a chunk starts: after this row in (created_at, rowid) order; undefined: at the window's start. */
export interface ChunkCursor {
  createdAt: number;
  rowid: number;
}

export interface ChunkRange {
  from: number;
  to: number;
  after?: ChunkCursor | undefined;
  /** Most rows the statement reads (what bounds its time on the event loop). */
  limit: number;
}

export interface ChunkFilter {
  workspace?: WorkspaceRef | undefined;
  model?: string | undefined;
}

/**
 * One row of chunkSql's result; `q` says which aggregate it belongs to and what the generic columns hold:
 * - end (one row, absent when the chunk is empty): n rows read, lo/hi created_at and rowid of the last;
 * - series (s, e): filtered jobs by status and error class: n jobs, c cost, lo/hi how many have a
 *   total/provider duration;
 * - mix (p, w, m, s): every job of the chunk, filters or not: n jobs, c cost;
 * - user (p, w, u, s): filtered: n jobs, c cost;
 * - total/provider (e = bin): filtered durations: n values between lo and hi.
 */
export interface ChunkRow {
  q: 'end' | 'series' | 'mix' | 'user' | 'total' | 'provider';
  p: Platform | null;
  w: string | null;
  m: string | null;
  u: string | null;
  s: GenerationStatus | null;
  e: string | number | null;
  n: number;
  c: number | null;
  lo: number | null;
  hi: number | null;
}

/** Inlined: libSQL binds JS numbers as REAL, and LIMIT wants an integer. */
function int(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return sql.raw(String(n));
}

/**
 * The dashboard's aggregates over at most `limit` rows of [from, to), read in (created_at, rowid) order
 * through generations_created_idx and MATERIALIZED once (row lookups are what costs). The caller reads a
 * window chunk by chunk, continuing after the `end` row's cursor while a chunk comes back full.
 */
export function chunkSql(range: ChunkRange, filter: ChunkFilter): SQL {
  const ws = filter.workspace;
  const filters = [
    ...(ws ? [sql`p = ${ws.platform}`, sql`w = ${ws.workspaceId}`] : []),
    ...(filter.model === undefined ? [] : [sql`m = ${filter.model}`]),
  ];
  const where = filters.length > 0 ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;
  const after = range.after;
  const start = after
    ? sql`created_at >= ${int(Math.max(range.from, after.createdAt))} AND (created_at > ${int(after.createdAt)} OR rowid > ${int(after.rowid)})`
    : sql`created_at >= ${int(range.from)}`;
  const bin = (v: string) => sql.raw(`CAST(ln(max(${v}, 1)) * ${BINS_PER_E} AS INTEGER)`);
  const none = sql.raw('NULL, NULL, NULL, NULL');
  return sql`WITH r AS MATERIALIZED (
      SELECT rowid AS i, created_at AS a, platform AS p, workspace_id AS w, model AS m, user_id AS u,
        status AS s, error_class AS e, cost_micros AS c,
        CASE WHEN finished_at IS NOT NULL AND status IN ('done', 'deleted', 'failed', 'blocked')
          THEN finished_at - created_at END AS t,
        CASE WHEN finished_at IS NOT NULL AND submitted_at IS NOT NULL AND status IN ('done', 'deleted')
          THEN finished_at - submitted_at END AS v
      FROM generations WHERE ${start} AND created_at < ${int(range.to)}
      ORDER BY created_at, rowid LIMIT ${int(range.limit)}),
    f AS (SELECT * FROM r ${where})
    SELECT 'end' AS q, ${none}, NULL AS s, NULL AS e, (SELECT count(*) FROM r) AS n, NULL AS c, a AS lo, i AS hi
      FROM (SELECT a, i FROM r ORDER BY a DESC, i DESC LIMIT 1)
    UNION ALL SELECT 'series', ${none}, s, e, count(*), sum(c), count(t), count(v) FROM f GROUP BY s, e
    UNION ALL SELECT 'mix', p, w, m, NULL, s, NULL, count(*), sum(c), NULL, NULL FROM r GROUP BY p, w, m, s
    UNION ALL SELECT 'user', p, w, NULL, u, s, NULL, count(*), sum(c), NULL, NULL FROM f GROUP BY p, w, u, s
    UNION ALL SELECT 'total', ${none}, NULL, ${bin('t')}, count(*), NULL, min(t), max(t)
      FROM f WHERE t IS NOT NULL GROUP BY 7
    UNION ALL SELECT 'provider', ${none}, NULL, ${bin('v')}, count(*), NULL, min(v), max(v)
      FROM f WHERE v IS NOT NULL GROUP BY 7`;
}
