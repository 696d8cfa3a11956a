import { type SQL, sql } from 'drizzle-orm';
import type { DashboardQuery, DashboardSource } from '../../web/admin/dashboard-types.js';
import { assembleReport, type DashboardRow } from './dashboard-report.js';
import type { Db } from './database.js';

const TOP_USERS = 10;
/** Duration bins per unit of ln(ms): 2 % wide, so a percentile is off by at most 2 % (exact in a one-value bin). */
const BINS_PER_E = 50;
/** Most rows whose durations feed the percentiles by default (a larger range is sampled every n-th row). */
const SAMPLE_LIMIT = 20_000;

/** Inlined: libSQL binds JS numbers as REAL, which would make the bucket division fractional. */
function int(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return sql.raw(String(n));
}

/**
 * The usage dashboard's numbers in one statement (one round trip to a remote database). The range is read
 * once through generations_created_idx into a MATERIALIZED table of the few columns needed (row lookups are
 * what costs), and the aggregates scan that:
 * - series: per bucket, status and error class (filtered), with how many jobs have each duration;
 * - g: per platform, workspace, model, user and status, from which the workspace/model tables and the top
 *   users come (one sort of the range instead of two);
 * - total/provider: log-spaced duration bins (count, min, max) per bucket, over at most SAMPLE_LIMIT rows
 *   of the range (every n-th row when there are more), so percentiles never sort the whole range.
 */
export function dashboardSql(query: DashboardQuery, sampleLimit: number): SQL {
  const ws = query.workspace;
  const filters = [
    ...(ws ? [sql`p = ${ws.platform}`, sql`w = ${ws.workspaceId}`] : []),
    ...(query.model === undefined ? [] : [sql`m = ${query.model}`]),
  ];
  const where = filters.length > 0 ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;
  const bin = (v: string) => sql.raw(`CAST(ln(max(${v}, 1)) * ${BINS_PER_E} AS INTEGER)`);
  const when = (test: string) => sql.raw(`sum(CASE WHEN ${test} THEN n ELSE 0 END)`);
  return sql`WITH r AS MATERIALIZED (
      SELECT rowid AS i, (created_at - ${int(query.from)}) / ${int(query.bucketMs)} AS b, platform AS p,
        workspace_id AS w, model AS m, user_id AS u, status AS s, error_class AS e, cost_micros AS c,
        CASE WHEN finished_at IS NOT NULL AND status IN ('done', 'deleted', 'failed', 'blocked')
          THEN finished_at - created_at END AS t,
        CASE WHEN finished_at IS NOT NULL AND submitted_at IS NOT NULL AND status IN ('done', 'deleted')
          THEN finished_at - submitted_at END AS v
      FROM generations WHERE created_at >= ${int(query.from)} AND created_at < ${int(query.to)}),
    f AS (SELECT * FROM r ${where}),
    g AS MATERIALIZED (SELECT p, w, m, u, s, count(*) AS n, sum(c) AS c FROM r GROUP BY p, w, m, u, s),
    k AS (SELECT * FROM f WHERE i % (SELECT max(1, (count(*) + ${int(sampleLimit - 1)}) / ${int(sampleLimit)}) FROM r) = 0)
    SELECT 'series' AS q, b, NULL AS p, NULL AS w, NULL AS m, NULL AS u, s, e, count(*) AS n, sum(c) AS c,
      count(t) AS lo, count(v) AS hi FROM f GROUP BY b, s, e
    UNION ALL SELECT 'mix', NULL, p, w, m, NULL, s, NULL, sum(n), sum(c), NULL, NULL FROM g GROUP BY p, w, m, s
    UNION ALL SELECT * FROM (SELECT 'user', NULL, p, w, NULL, u, NULL, ${when("s = 'failed'")}, sum(n), sum(c),
        ${when("s IN ('done', 'deleted')")}, ${when("s = 'blocked'")}
      FROM g ${where} GROUP BY p, w, u ORDER BY sum(n) DESC, sum(c) DESC, u LIMIT ${int(TOP_USERS)})
    UNION ALL SELECT 'total', b, NULL, NULL, NULL, NULL, NULL, ${bin('t')}, count(*), NULL, min(t), max(t)
      FROM k WHERE t IS NOT NULL GROUP BY b, 8
    UNION ALL SELECT 'provider', b, NULL, NULL, NULL, NULL, NULL, ${bin('v')}, count(*), NULL, min(v), max(v)
      FROM k WHERE v IS NOT NULL GROUP BY b, 8`;
}

/** The usage dashboard's data source over the generations table. */
export function createDashboardRepository(db: Db, options: { sampleLimit?: number } = {}): DashboardSource {
  const sampleLimit = options.sampleLimit ?? SAMPLE_LIMIT;
  return {
    report: async (query) =>
      assembleReport(query, await db.all<DashboardRow>(dashboardSql(query, sampleLimit))),
  };
}
