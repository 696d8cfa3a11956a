/**
 * The dashboard's statements against a real migrated libSQL file: each bucket is read in bounded chunks
 * through generations_created_idx (never a table scan), the chunking does not change a single number,
 * and exact nearest-rank percentiles come from the merged per-bucket histograms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardQuery } from '../../../src/core/usage/usage-report.js';
import { insertGenerations } from '../../../src/infra/db/bulk-insert.js';
import { chunkSql } from '../../../src/infra/db/dashboard-chunk-sql.js';
import { createDashboardRepository } from '../../../src/infra/db/dashboard-repository.js';
import { type Database, openDatabase } from '../../../src/infra/db/database.js';
import { HOUR, SCHNELL, seedRecord } from './admin-fixture.js';

const NOW = Date.UTC(2026, 0, 15, 12, 30);
const query: DashboardQuery = { from: NOW - 23.5 * HOUR, to: NOW + 0.5 * HOUR, bucketMs: HOUR };
/** 100 done jobs in one hour, taking 1 s … 100 s. */
const DURATIONS = Array.from({ length: 100 }, (_, i) => (i + 1) * 1000);

let dir: string;
let database: Database;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-dash-'));
  database = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}`, log: pino({ level: 'silent' }) });
  await insertGenerations(
    database.db,
    DURATIONS.map((totalMs, i) =>
      seedRecord(
        {
          platform: 'discord',
          workspaceId: 'g',
          userId: `u${i % 3}`,
          model: SCHNELL,
          status: 'done',
          ago: HOUR - i * 1000,
          totalMs,
          providerMs: totalMs / 2,
          costMicros: 3146,
        },
        NOW,
      ),
    ),
  );
});
afterAll(async () => {
  database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dashboard repository', () => {
  it('reads each chunk through generations_created_idx in index order, never scanning or sorting', async () => {
    const after = { createdAt: query.from + HOUR, rowid: 5 };
    for (const statement of [
      chunkSql({ from: query.from, to: query.to, limit: 1000 }),
      chunkSql({ from: query.from, to: query.to, after, limit: 1000 }),
    ]) {
      const { sql, params } = new SQLiteSyncDialect().sqlToQuery(statement);
      const plan = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
      const details = plan.rows.map((r) => String(r.detail));
      expect(details.some((d) => d.includes('generations USING INDEX generations_created_idx'))).toBe(true);
      expect(details.filter((d) => /SCAN generations\b|TEMP B-TREE/.test(d))).toEqual([]);
    }
  });

  it('gives exact nearest-rank percentiles when the range fits the sample', async () => {
    const report = await createDashboardRepository(database.db).report(query);
    expect(report.totals).toMatchObject({ jobs: 100, done: 100, costMicros: 314_600 });
    expect(report.latency.total).toEqual({ p50Ms: 50_000, p95Ms: 95_000, samples: 100 });
    expect(report.latency.provider).toEqual({ p50Ms: 25_000, p95Ms: 47_500, samples: 100 });
  });

  it('gives the same report whether a bucket takes one statement or many', async () => {
    const statements: number[] = [];
    const chunked = await createDashboardRepository(database.db, {
      chunkRows: 7,
      onStatement: (_ms, rows) => statements.push(rows),
    }).report(query);
    expect(chunked).toEqual(await createDashboardRepository(database.db).report(query));
    // 100 rows in one bucket, 7 at a time, and one statement for each other (empty) bucket.
    expect(statements.filter((n) => n === 7)).toHaveLength(14);
    expect(statements.reduce((a, b) => a + b, 0)).toBe(100);
  });
});
