import type { InStatement } from '@libsql/client';
import type { GenerationStatus } from '../../core/types.js';

/**
 * The generation_options rows are derived from generations.options in SQL, in one place, so the
 * repository, bulk loads and any repair all produce exactly the same rows. Plain statements (not
 * drizzle builders): they run with every job's writes, where building a query costs more than running it.
 */
export function insertOptionRows(generationIds: readonly string[]): InStatement {
  return {
    sql: `INSERT INTO generation_options
      (generation_id, dimension, option, user_id, platform, workspace_id, catalog_id, status, created_at)
    SELECT g.id, j.key, j.value, g.user_id, g.platform, g.workspace_id, g.catalog_id, g.status, g.created_at
    FROM generations AS g, json_each(g.options) AS j
    WHERE g.id IN (SELECT value FROM json_each(?))`,
    args: [JSON.stringify(generationIds)],
  };
}

export function deleteOptionRows(generationId: string): InStatement {
  return { sql: 'DELETE FROM generation_options WHERE generation_id = ?', args: [generationId] };
}

export function updateOptionStatus(generationId: string, status: GenerationStatus): InStatement {
  return {
    sql: 'UPDATE generation_options SET status = ? WHERE generation_id = ?',
    args: [status, generationId],
  };
}
