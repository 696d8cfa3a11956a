import { and, eq } from 'drizzle-orm';
import type { PauseRepository } from '../../core/admin/admin-types.js';
import type { LimitOverrides, Limits, LimitsRepository } from '../../core/policy/policy-types.js';
import type { Clock } from '../../core/ports.js';
import type { Platform } from '../../core/types.js';
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

/** How long overrides read from the database are reused (each request and each finished job asks). */
export const SETTINGS_CACHE_MS = 5_000;
const CACHE_ENTRIES = 10_000;

/**
 * Per-workspace quota and budget overrides (admin settings); absent or null means the configured default.
 * The same row holds the workspace's pause switch. Overrides are cached for `cacheMs`: a change made here
 * applies at once, one made by another replica within that time.
 */
export function createQuotaSettingsRepository(
  db: Db,
  clock: Clock,
  cacheMs = SETTINGS_CACHE_MS,
): LimitsRepository & PauseRepository {
  const cache = new Map<string, { at: number; value: LimitOverrides | undefined }>();
  const keyOf = (platform: string, workspaceId: string) => `${platform}:${workspaceId}`;

  async function read(platform: Platform, workspaceId: string): Promise<LimitOverrides | undefined> {
    const [row] = await db
      .select()
      .from(q)
      .where(and(eq(q.platform, platform), eq(q.workspaceId, workspaceId)))
      .limit(1);
    if (!row) return undefined;
    const out: LimitOverrides = {};
    for (const key of KEYS) if (row[key] !== null) out[key] = row[key];
    return out;
  }

  return {
    async get(platform, workspaceId) {
      const key = keyOf(platform, workspaceId);
      const hit = cache.get(key);
      if (hit && clock.now() - hit.at < cacheMs) return hit.value;
      const at = clock.now();
      const value = await read(platform, workspaceId);
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      cache.set(key, { at, value });
      return value;
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
      // After the write: a read that ran meanwhile may have cached the old value.
      cache.delete(keyOf(platform, workspaceId));
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
