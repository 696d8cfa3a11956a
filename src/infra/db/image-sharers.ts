import { and, count, eq, ne, or } from 'drizzle-orm';
import type { Generation } from '../../core/types.js';
import type { Db } from './database.js';
import { generations as g } from './schema.js';

/**
 * Counts the other live records showing a generation's stored objects. A reused result copies the image
 * keys of the one it reuses, and both share (prompt hash, model, seed): the seek is generations_reuse_idx.
 */
export function createImageSharers(db: Db) {
  return async (generation: Generation): Promise<number> => {
    const keys = [generation.imageKey, generation.thumbKey].filter((k) => k !== null);
    if (keys.length === 0) return 0;
    const [row] = await db
      .select({ n: count() })
      .from(g)
      .where(
        and(
          eq(g.promptHash, generation.promptHash),
          eq(g.model, generation.model),
          eq(g.seed, generation.seed),
          ne(g.id, generation.id),
          ne(g.status, 'deleted'),
          or(...keys.flatMap((k) => [eq(g.imageKey, k), eq(g.thumbKey, k)])),
        ),
      );
    return row?.n ?? 0;
  };
}
