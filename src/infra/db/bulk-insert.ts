import type { BatchItem } from 'drizzle-orm/batch';
import type { Generation } from '../../core/types.js';
import type { Db } from './database.js';
import { insertOptionRows } from './option-index.js';
import { generations } from './schema.js';

// 36 columns a row: 500 rows stay far below SQLite's 32,766 bound parameters a statement.
const CHUNK = 500;

/**
 * Inserts complete records (with their option rows) in one transaction: for seeding, imports and
 * benchmarks, where one transaction per record would be far too slow.
 */
export async function insertGenerations(db: Db, records: readonly Generation[]): Promise<void> {
  const items: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    items.push(db.insert(generations).values(chunk));
    items.push(insertOptionRows(db, chunk.map((r) => r.id)));
  }
  const [first, ...rest] = items;
  if (first) await db.batch([first, ...rest]);
}
