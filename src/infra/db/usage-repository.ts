import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { OutcomeReader } from '../../core/admin/admin-types.js';
import type { UsageRepository } from '../../core/policy/policy-types.js';
import { estimateCostMicros } from '../../core/pricing.js';
import type { Db } from './database.js';
import { countedRow, generations as g, UNFINISHED_STATUSES } from './schema.js';

/**
 * Every status but 'failed', spelled out so a user's count seeks generations_history_idx per status.
 * Tombstones ('deleted') count: the image was paid for, and deleting it must not give the quota back.
 */
const COUNTED_STATUSES = [...UNFINISHED_STATUSES, 'done', 'blocked', 'deleted'] as const;

/** Counts and cost sums over generations for quotas, budgets and usage reports. */
export function createUsageRepository(db: Db): UsageRepository & OutcomeReader {
  return {
    async countJobs(scope, since) {
      const where = scope.userId
        ? and(
            eq(g.userId, scope.userId),
            inArray(g.status, [...COUNTED_STATUSES]),
            gte(g.createdAt, since),
            eq(g.platform, scope.platform),
            eq(g.workspaceId, scope.workspaceId),
          )
        : and(
            eq(g.workspaceId, scope.workspaceId),
            eq(g.platform, scope.platform),
            gte(g.createdAt, since),
            countedRow(g.status),
          );
      const [row] = await db.select({ n: sql<number>`count(*)` }).from(g).where(where);
      return Number(row?.n ?? 0);
    },

    async countUnfinished(scope) {
      const [row] = await db
        .select({ n: sql<number>`count(*)` })
        .from(g)
        .where(
          and(
            ...(scope.userId ? [eq(g.userId, scope.userId)] : []),
            inArray(g.status, [...UNFINISHED_STATUSES]),
            eq(g.platform, scope.platform),
            eq(g.workspaceId, scope.workspaceId),
          ),
        );
      return Number(row?.n ?? 0);
    },

    async spendMicros(scope, since) {
      const inWindow = and(
        eq(g.workspaceId, scope.workspaceId),
        eq(g.platform, scope.platform),
        gte(g.createdAt, since),
        countedRow(g.status),
      );
      const [[spent], pending] = await db.batch([
        db
          .select({ micros: sql<number>`coalesce(sum(${g.costMicros}), 0)` })
          .from(g)
          .where(inWindow),
        // Running jobs have no cost recorded yet: count what they will cost (at most a few rows).
        db
          .select({ model: g.model, width: g.width, height: g.height, n: sql<number>`count(*)` })
          .from(g)
          .where(and(inWindow, inArray(g.status, [...UNFINISHED_STATUSES])))
          .groupBy(g.model, g.width, g.height),
      ]);
      const running = pending.reduce(
        (sum, p) => sum + Number(p.n) * estimateCostMicros(p.model, p.width ?? 1024, p.height ?? 1024),
        0,
      );
      return Number(spent?.micros ?? 0) + running;
    },

    async usageBy(group, since, until, scope) {
      const key = group === 'user' ? g.userId : group === 'workspace' ? g.workspaceId : g.model;
      const platform = group === 'model' ? sql<null>`null` : g.platform;
      const rows = await db
        .select({
          key,
          platform,
          jobs: sql<number>`count(*)`,
          costMicros: sql<number>`coalesce(sum(${g.costMicros}), 0)`,
        })
        .from(g)
        .where(
          and(
            // A workspace's report reads generations_usage_workspace_idx (its WHERE repeats countedRow).
            ...(scope ? [eq(g.workspaceId, scope.workspaceId), eq(g.platform, scope.platform)] : []),
            gte(g.createdAt, since),
            lt(g.createdAt, until),
            countedRow(g.status),
          ),
        )
        .groupBy(...(group === 'model' ? [key] : [platform, key]))
        .orderBy(sql`4 desc`, sql`3 desc`);
      return rows.map((r) => ({
        key: r.key,
        platform: r.platform ?? null,
        jobs: Number(r.jobs),
        costMicros: Number(r.costMicros),
      }));
    },

    async outcomes(scope, since, until) {
      const rows = await db
        .select({
          status: g.status,
          errorClass: g.errorClass,
          jobs: sql<number>`count(*)`,
          costMicros: sql<number>`coalesce(sum(${g.costMicros}), 0)`,
        })
        .from(g)
        .where(
          and(
            eq(g.workspaceId, scope.workspaceId),
            eq(g.platform, scope.platform),
            gte(g.createdAt, since),
            lt(g.createdAt, until),
          ),
        )
        .groupBy(g.status, g.errorClass);
      return rows.map((r) => ({ ...r, jobs: Number(r.jobs), costMicros: Number(r.costMicros) }));
    },
  };
}
