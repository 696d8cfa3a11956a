import { eq, sql } from 'drizzle-orm';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/ports.js';
import type { PromptCacheRepository } from '../../core/types.js';
import type { Db } from './database.js';
import { promptCache } from './schema.js';

export function createPromptCacheRepository(db: Db, clock: Clock = systemClock): PromptCacheRepository {
  return {
    async get(hash) {
      const [row] = await db.select().from(promptCache).where(eq(promptCache.hash, hash)).limit(1);
      return row;
    },

    async put(entry) {
      await db
        .insert(promptCache)
        .values({ ...entry, createdAt: clock.now(), hits: 0 })
        .onConflictDoUpdate({ target: promptCache.hash, set: { hits: sql`${promptCache.hits} + 1` } });
    },
  };
}
