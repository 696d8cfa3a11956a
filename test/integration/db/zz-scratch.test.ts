import { it } from 'vitest';
import { historyStatements } from '../../../src/infra/db/history-query.js';
import { openTestDatabase } from './db-fixtures.js';
import { generations as g } from '../../../src/infra/db/schema.js';
import { isUnfinished, isExampleRow } from '../../../src/infra/db/schema.js';
import { and, eq, asc, desc, sql } from 'drizzle-orm';

it('plans', async () => {
  const { database, dispose } = await openTestDatabase('memory');
  const plan = async (q: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql: text, params } = q.toSQL();
    const r = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${text}`, args: params as never });
    console.log(text, '\n   ', r.rows.map((x) => x.detail).join('\n    '));
  };
  const qs = [
    { userId: 'u', platform: 'discord' as const, limit: 20, offset: 0 },
    { userId: 'u', platform: 'discord' as const, catalogId: 'c', workspaceId: 'w', limit: 20, offset: 0 },
    { userId: 'u', platform: 'discord' as const, filters: { style: 'a' }, limit: 20, offset: 0 },
    { userId: 'u', platform: 'discord' as const, filters: { style: 'a', pose: 'b', outfit: 'c' }, catalogId: 'x', limit: 20, offset: 0 },
    { limit: 20, offset: 0 },
    { userId: 'u', limit: 20, offset: 0 },
    { userId: 'u', filters: { style: 'a' }, limit: 20, offset: 0 },
  ];
  for (const q of qs) { const s = historyStatements(database.db, q); await plan(s.page); await plan(s.count); }
  const db = database.db;
  await plan(db.select().from(g).where(isUnfinished(g.status)).orderBy(asc(g.createdAt), asc(sql`rowid`)));
  await plan(db.select().from(g).where(and(eq(g.catalogId, 'x'), isExampleRow(g.isExample), eq(g.status, 'done'))).orderBy(desc(g.createdAt)));
  await dispose();
});
