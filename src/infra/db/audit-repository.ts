import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditRepository } from '../../core/audit/audit-types.js';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/ports.js';
import type { Db } from './database.js';
import { auditLog as a } from './schema.js';

export function createAuditRepository(db: Db, clock: Clock = systemClock): AuditRepository {
  return {
    async record(entry) {
      const row: AuditEntry = { ...entry, id: randomUUID(), at: entry.at ?? clock.now() };
      await db.insert(a).values(row);
      return row;
    },

    async query(query) {
      const where: SQL[] = [];
      if (query.userId) where.push(eq(a.userId, query.userId));
      if (query.action) where.push(eq(a.action, query.action));
      if (query.platform) where.push(eq(a.platform, query.platform));
      if (query.workspaceId) where.push(eq(a.workspaceId, query.workspaceId));
      if (query.since !== undefined) where.push(gte(a.at, query.since));
      const rows = await db
        .select()
        .from(a)
        .where(and(...where))
        .orderBy(desc(a.at), desc(a.id))
        .limit(query.limit);
      return rows.map((r) => ({ ...r }));
    },
  };
}
