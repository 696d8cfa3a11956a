import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ban, BanRepository } from '../../core/admin/admin-types.js';
import type { RestrictionsReader } from '../../core/policy/policy-types.js';
import type { Clock } from '../../core/ports.js';
import type { Db } from './database.js';
import { userBans as b, quotaSettings as q } from './schema.js';

/** Bans per workspace (user_bans), and the one read the policy makes before every request. */
export function createBanRepository(db: Db, clock: Clock): BanRepository & RestrictionsReader {
  const key = (platform: Ban['platform'], workspaceId: string, userId: string) =>
    and(eq(b.platform, platform), eq(b.workspaceId, workspaceId), eq(b.userId, userId));

  const get: BanRepository['get'] = async (scope, userId) => {
    const [row] = await db
      .select()
      .from(b)
      .where(key(scope.platform, scope.workspaceId, userId))
      .limit(1);
    return row;
  };

  return {
    get,

    async ban(ban) {
      const previous = await get(ban, ban.userId);
      await db
        .insert(b)
        .values({ ...ban, createdAt: clock.now() })
        .onConflictDoUpdate({
          target: [b.platform, b.workspaceId, b.userId],
          set: { reason: ban.reason, bannedBy: ban.bannedBy },
        });
      return previous;
    },

    async unban(scope, userId) {
      const [lifted] = await db
        .delete(b)
        .where(key(scope.platform, scope.workspaceId, userId))
        .returning();
      return lifted;
    },

    list: (scope) =>
      db
        .select()
        .from(b)
        .where(and(eq(b.platform, scope.platform), eq(b.workspaceId, scope.workspaceId)))
        .orderBy(desc(b.createdAt)),

    // One round trip for both switches: it runs before every request.
    async restrictions({ platform, workspaceId, userId }) {
      const row = await db.get<{ paused: number | null; banned: number }>(sql`
        select
          (select ${q.paused} from ${q} where ${q.platform} = ${platform} and ${q.workspaceId} = ${workspaceId}) as paused,
          exists(select 1 from ${b} where ${key(platform, workspaceId, userId)}) as banned`);
      return { paused: Boolean(row?.paused), banned: Boolean(row?.banned) };
    },
  };
}
