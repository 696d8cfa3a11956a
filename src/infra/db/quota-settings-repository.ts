import { and, eq } from 'drizzle-orm';
import type { PauseRepository } from '../../core/admin/admin-types.js';
import type { LimitOverrides, Limits, LimitsRepository } from '../../core/policy/policy-types.js';
import type { Clock } from '../../core/ports.js';
import type { Db } from './database.js';
import { quotaSettings as q } from './schema.js';

const KEYS: readonly (keyof Limits)[] = [
  'userHourly',
  'userDaily',
  'workspaceDaily',
  'userInFlight',
  'budgetDailyMicros',
  'budgetMonthlyMicros',
];

/**
 * Per-workspace quota and budget overrides (admin settings); absent or null means the configured default.
 * The same row holds the workspace's pause switch.
 */
export function createQuotaSettingsRepository(db: Db, clock: Clock): LimitsRepository & PauseRepository {
  return {
    async get(platform, workspaceId) {
      const [row] = await db
        .select()
        .from(q)
        .where(and(eq(q.platform, platform), eq(q.workspaceId, workspaceId)))
        .limit(1);
      if (!row) return undefined;
      const out: LimitOverrides = {};
      for (const key of KEYS) if (row[key] !== null) out[key] = row[key];
      return out;
    },

    async set(platform, workspaceId, overrides, updatedBy) {
      const values: Partial<Record<keyof Limits, number | null>> = {};
      for (const key of KEYS) if (overrides[key] !== undefined) values[key] = overrides[key];
      const now = clock.now();
      await db
        .insert(q)
        .values({ platform, workspaceId, ...values, updatedAt: now, updatedBy })
        .onConflictDoUpdate({
          target: [q.platform, q.workspaceId],
          set: { ...values, updatedAt: now, updatedBy },
        });
    },

    async isPaused({ platform, workspaceId }) {
      const [row] = await db
        .select({ paused: q.paused })
        .from(q)
        .where(and(eq(q.platform, platform), eq(q.workspaceId, workspaceId)))
        .limit(1);
      return row?.paused === true;
    },

    async setPaused({ platform, workspaceId }, paused, updatedBy) {
      const now = clock.now();
      await db
        .insert(q)
        .values({ platform, workspaceId, paused, updatedAt: now, updatedBy })
        .onConflictDoUpdate({
          target: [q.platform, q.workspaceId],
          set: { paused, updatedAt: now, updatedBy },
        });
    },
  };
}
