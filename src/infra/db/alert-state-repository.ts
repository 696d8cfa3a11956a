import { sql } from 'drizzle-orm';
import type { AlertClaims } from '../../core/alerts/alert-types.js';
import type { Db } from './database.js';
import { alertState } from './schema.js';

/**
 * alert_state, shared by every replica on the database. A claim is one conditional upsert: the row is
 * written when the key is new or was last sent at least a window ago, and the statement reports one row
 * affected; otherwise the update's WHERE leaves it alone and reports none. The database serialises the
 * writes, so of several processes claiming the same key at once exactly one wins.
 */
export function createAlertStateRepository(db: Db): AlertClaims {
  return {
    async claim(key, now, windowMs) {
      const result = await db
        .insert(alertState)
        .values({ key, lastSentAt: now })
        .onConflictDoUpdate({
          target: alertState.key,
          set: { lastSentAt: now },
          setWhere: sql`${alertState.lastSentAt} <= ${now - windowMs}`,
        });
      return result.rowsAffected === 1;
    },
  };
}
