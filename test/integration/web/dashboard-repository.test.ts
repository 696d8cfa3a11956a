/**
 * The dashboard's statement against a real migrated libSQL file: the range is read through
 * generations_created_idx, and percentiles of a large range come from a bounded sample while the counts
 * (and the number of jobs measured) stay exact.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGenerations } from '../../../src/infra/db/bulk-insert.js';
import { createDashboardRepository, dashboardSql } from '../../../src/infra/db/dashboard-repository.js';
import { type Database, openDatabase } from '../../../src/infra/db/database.js';
import type { DashboardQuery } from '../../../src/web/admin/dashboard-types.js';
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
  it('reads the range through generations_created_idx, never scanning the table', async () => {
    const statement = new SQLiteSyncDialect().sqlToQuery(dashboardSql(query, 20_000));
    const plan = await database.client.execute({
      sql: `EXPLAIN QUERY PLAN ${statement.sql}`,
      args: statement.params as never,
    });
    const details = plan.rows.map((r) => String(r.detail));
    expect(details.some((d) => d.includes('generations USING INDEX generations_created_idx'))).toBe(true);
    expect(details.filter((d) => /SCAN generations\b/.test(d))).toEqual([]);
  });

  it('gives exact nearest-rank percentiles when the range fits the sample', async () => {
    const report = await createDashboardRepository(database.db).report(query);
    expect(report.totals).toMatchObject({ jobs: 100, done: 100, costMicros: 314_600 });
    expect(report.latency.total).toEqual({ p50Ms: 50_000, p95Ms: 95_000, samples: 100 });
    expect(report.latency.provider).toEqual({ p50Ms: 25_000, p95Ms: 47_500, samples: 100 });
  });

  it('samples a range larger than the limit for percentiles only: counts stay exact', async () => {
    const report = await createDashboardRepository(database.db, { sampleLimit: 10 }).report(query);
    expect(report.totals.jobs).toBe(100);
    expect(report.topUsers.map((u) => u.jobs)).toEqual([34, 33, 33]);
    expect(report.latency.total.samples).toBe(100);
    const bucket = report.buckets.find((b) => b.jobs > 0)!;
    expect(bucket.latency.total.samples).toBe(100);
    // Every 10th row (rowid 10, 20, … 100: 10 s … 100 s): p95 is the sample's largest, not the exact 95 s.
    expect(report.latency.total.p50Ms).toBe(50_000);
    expect(report.latency.total.p95Ms).toBe(100_000);
  });
});
