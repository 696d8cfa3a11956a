import { eq, sql } from 'drizzle-orm';
import type { GenerationStatus } from '../../core/types.js';
import type { Db } from './database.js';
import { generationOptions } from './schema.js';

/**
 * The generation_options rows are derived from generations.options in SQL, in one place, so the
 * repository, bulk loads and any repair all produce exactly the same rows.
 */
export function insertOptionRows(db: Db, generationIds: readonly string[]) {
  return db.run(sql`
    INSERT INTO generation_options
      (generation_id, dimension, option, user_id, platform, workspace_id, catalog_id, status, created_at)
    SELECT g.id, j.key, j.value, g.user_id, g.platform, g.workspace_id, g.catalog_id, g.status, g.created_at
    FROM generations AS g, json_each(g.options) AS j
    WHERE g.id IN (SELECT value FROM json_each(${JSON.stringify(generationIds)}))`);
}

export function deleteOptionRows(db: Db, generationId: string) {
  return db.delete(generationOptions).where(eq(generationOptions.generationId, generationId));
}

export function updateOptionStatus(db: Db, generationId: string, status: GenerationStatus) {
  return db.update(generationOptions).set({ status }).where(eq(generationOptions.generationId, generationId));
}
