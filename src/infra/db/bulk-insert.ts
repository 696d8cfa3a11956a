import type { InStatement, InValue } from '@libsql/client';
import { getTableColumns } from 'drizzle-orm';
import type { Generation } from '../../core/types.js';
import type { Db } from './database.js';
import { insertOptionRows } from './option-index.js';
import { generations } from './schema.js';

// 36 columns a row: 500 rows stay below SQLite's 32,766 bound parameters a statement.
const CHUNK = 500;

/**
 * Inserts complete records, with their option rows, in one transaction: for seeding, imports and
 * benchmarks. Statements are built straight from the table's columns (with drizzle's own value
 * mapping) because drizzle's query builder costs ~0.1 ms a row, more than SQLite does.
 */
export async function insertGenerations(db: Db, records: readonly Generation[]): Promise<void> {
  const columns = Object.entries(getTableColumns(generations));
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements: InStatement[] = [];
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    statements.push({
      sql: `INSERT INTO generations (${names}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      args: chunk.flatMap((record) =>
        columns.map(([key, column]) => {
          const value = record[key as keyof Generation];
          return value === null || value === undefined ? null : (column.mapToDriverValue(value) as InValue);
        }),
      ),
    });
    statements.push(insertOptionRows(chunk.map((r) => r.id)));
  }
  if (statements.length > 0) await db.$client.batch(statements, 'write');
}
