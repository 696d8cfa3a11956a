import { and, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Clock } from '../../core/ports.js';
import type { JobLeases } from '../../core/types.js';
import type { Db } from './database.js';
import { fromRecordJson, RECORD_JSON } from './record-json.js';
import { generations as g, UNFINISHED_STATUSES } from './schema.js';

export interface LeaseSettings {
  /** Who this process is: stable across its restarts (host and port), unique among live processes. */
  owner: string;
  ttlMs: number;
}

/** A minute: renewals every 20 s; a process that died leaves its jobs to the others after this long. */
export const DEFAULT_LEASE_TTL_MS = 60_000;

/**
 * Job leases on the generations table (owner, lease_until). Each statement is one UPDATE, so two
 * processes claiming at once split the jobs between them: SQLite and libSQL servers run writes one at a time.
 */
export function createJobLeases(db: Db, clock: Clock, settings: LeaseSettings): JobLeases {
  const { owner, ttlMs } = settings;
  const unfinished = inArray(g.status, [...UNFINISHED_STATUSES]);
  const mine = and(eq(g.owner, owner), unfinished);

  return {
    ttlMs,
    async claim({ includeOwn }) {
      const now = clock.now();
      const free = or(isNull(g.leaseUntil), lt(g.leaseUntil, now));
      const others = or(isNull(g.owner), ne(g.owner, owner));
      const rows = await db
        .update(g)
        .set({ owner, leaseUntil: now + ttlMs })
        .where(and(unfinished, includeOwn ? or(free, eq(g.owner, owner)) : and(free, others)))
        .returning({ r: sql.raw(RECORD_JSON) });
      return rows
        .map((row) => fromRecordJson(row.r))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async renew() {
      await db
        .update(g)
        .set({ leaseUntil: clock.now() + ttlMs })
        .where(mine);
    },
    async release() {
      await db.update(g).set({ leaseUntil: 0 }).where(mine);
    },
  };
}

/** The columns a new job is recorded with: leased to its creator. */
export const leaseOf = (settings: LeaseSettings | undefined, now: number) =>
  settings ? { owner: settings.owner, leaseUntil: now + settings.ttlMs } : {};
