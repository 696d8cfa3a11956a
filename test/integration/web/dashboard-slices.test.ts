/**
 * The dashboard report read bucket by bucket against a real libSQL file: chunking and caching change no
 * number (checked against counts made straight from the seeded records), closed buckets are kept per
 * filter combination so a repeat view reads only the open ones, a bucket holding an unfinished job or
 * ending less than the settle time ago stays open, the cache is bounded, and statements give way to the
 * event loop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../../src/core/types.js';
import type { WorkspaceRef } from '../../../src/core/usage/usage-report.js';
import { insertGenerations } from '../../../src/infra/db/bulk-insert.js';
import {
  createDashboardRepository,
  type DashboardRepositoryOptions,
} from '../../../src/infra/db/dashboard-repository.js';
import { type Database, openDatabase } from '../../../src/infra/db/database.js';
import { toQuery } from '../../../src/web/admin/dashboard-query.js';
import { DAY, DEV, HOUR, SCHNELL, type Seed, seedRecord } from './admin-fixture.js';

const NOW = Date.UTC(2026, 0, 15, 12, 30);
const GUILD: WorkspaceRef = { platform: 'discord', workspaceId: 'guild-a' };
const TEAM: WorkspaceRef = { platform: 'slack', workspaceId: 'T-B' };
const STATUSES = ['done', 'done', 'deleted', 'failed', 'blocked', 'done'] as const;
const CLASSES = ['retryable', 'user', 'fatal'] as const;

/** 60 finished jobs over six days; durations 10 % apart, so every histogram bin holds one value. */
const SEEDS: Seed[] = Array.from({ length: 60 }, (_, i) => {
  const status = STATUSES[i % STATUSES.length]!;
  const totalMs = Math.round(1000 * 1.1 ** i);
  return {
    ...(i % 3 === 0 ? TEAM : GUILD),
    userId: `u${i % 7}`,
    model: i % 4 === 0 ? DEV : SCHNELL,
    status,
    ...(status === 'failed' ? { errorClass: CLASSES[i % 3]! } : {}),
    ago: (i % 6) * DAY + (i % 5) * HOUR,
    totalMs,
    providerMs: Math.round(totalMs / 2),
    costMicros: status === 'failed' ? 0 : 1000 + i,
  };
});
/** Three days ago, still waiting: its day is open whatever its age. */
const WAITING: Seed = {
  ...GUILD,
  userId: 'u1',
  model: SCHNELL,
  status: 'queued',
  ago: 3 * DAY,
  totalMs: 0,
  providerMs: 0,
  costMicros: 0,
};
/** 12 jobs in one millisecond two days ago: chunks must split them without losing or repeating one. */
const SAME_MS: Seed[] = Array.from({ length: 12 }, () => ({
  ...GUILD,
  userId: 'tie',
  model: SCHNELL,
  status: 'done',
  ago: 2 * DAY + 2 * HOUR,
  totalMs: 5000,
  providerMs: 2500,
  costMicros: 10,
}));

const week = (workspace?: WorkspaceRef) => toQuery({ range: '7d', workspace, model: undefined }, NOW);
const dayOf = (createdAt: number) => Math.floor(createdAt / DAY);
const nearestRank = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * p) - 1];

let dir: string;
let database: Database;
let records: Generation[];
let waiting: Generation;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-slices-'));
  database = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}`, log: pino({ level: 'silent' }) });
  records = [...SEEDS, ...SAME_MS].map((s) => seedRecord(s, NOW));
  waiting = seedRecord(WAITING, NOW);
  await insertGenerations(database.db, [...records, waiting]);
});
afterAll(async () => {
  database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A repository on a fixed clock, counting the rows its statements read. */
function counted(options: DashboardRepositoryOptions = {}) {
  const reads = { rows: 0, statements: 0 };
  let now = NOW;
  const repo = createDashboardRepository(database.db, {
    clock: { now: () => now },
    ...options,
    onStatement: (_ms, rows) => {
      reads.rows += rows;
      reads.statements++;
    },
  });
  return {
    reads,
    setNow: (t: number) => {
      now = t;
    },
    /** Rows read by one report. */
    async rowsFor(query = week()) {
      const before = reads.rows;
      const report = await repo.report(query);
      return { report, rows: reads.rows - before };
    },
  };
}

const all = () => [...records, waiting];
const rowsOn = (days: number[]) => all().filter((g) => days.includes(dayOf(g.createdAt))).length;

describe('dashboard report by bucket', () => {
  it('counts exactly what the records hold, in any chunk size', async () => {
    const { report } = await counted({ chunkRows: 5 }).rowsFor();
    expect((await counted().rowsFor()).report).toEqual(report);
    const finished = records;
    expect(report.totals).toEqual({
      jobs: 73,
      done: finished.filter((g) => g.status === 'done' || g.status === 'deleted').length,
      failed: finished.filter((g) => g.status === 'failed').length,
      blocked: finished.filter((g) => g.status === 'blocked').length,
      running: 1,
      costMicros: finished.reduce((sum, g) => sum + g.costMicros, 0),
    });
    const totals = finished.map((g) => g.finishedAt! - g.createdAt);
    expect(report.latency.total).toMatchObject({
      p50Ms: nearestRank(totals, 0.5),
      p95Ms: nearestRank(totals, 0.95),
      samples: finished.length,
    });
    const tie = report.topUsers.find((u) => u.userId === 'tie')!;
    expect(tie).toMatchObject({ jobs: 12, done: 12, costMicros: 120 });
    for (const bucket of report.buckets)
      expect(bucket.jobs, new Date(bucket.start).toISOString()).toBe(
        all().filter((g) => dayOf(g.createdAt) === dayOf(bucket.start)).length,
      );
  });

  it('reads only the open buckets on a repeat view: today and the day with an unfinished job', async () => {
    const repo = counted({ chunkRows: 5 });
    const first = await repo.rowsFor();
    expect(first.rows).toBe(all().length);
    const repeat = await repo.rowsFor();
    expect(repeat.report).toEqual(first.report);
    expect(repeat.rows).toBe(rowsOn([dayOf(NOW), dayOf(waiting.createdAt)]));
  });

  it('shows a job that finished in a bucket kept open for it, then keeps that bucket', async () => {
    const repo = counted();
    await repo.rowsFor();
    await database.client.execute({
      sql: "UPDATE generations SET status = 'done', finished_at = created_at + 4000, cost_micros = 7 WHERE id = ?",
      args: [waiting.id],
    });
    try {
      const after = await repo.rowsFor();
      expect(after.report.totals).toMatchObject({ running: 0, jobs: 73 });
      expect(after.rows).toBe(rowsOn([dayOf(NOW), dayOf(waiting.createdAt)]));
      expect((await repo.rowsFor()).rows).toBe(rowsOn([dayOf(NOW)]));
    } finally {
      await database.client.execute({
        sql: "UPDATE generations SET status = 'queued', finished_at = NULL, cost_micros = 0 WHERE id = ?",
        args: [waiting.id],
      });
    }
  });

  it('keeps each filter combination apart', async () => {
    const repo = counted();
    await repo.rowsFor();
    const filtered = await repo.rowsFor(week(TEAM));
    expect(filtered.rows).toBe(all().length);
    expect(filtered.report.totals.jobs).toBe(all().filter((g) => g.workspaceId === 'T-B').length);
    expect((await repo.rowsFor(week(TEAM))).report).toEqual(filtered.report);
    expect((await repo.rowsFor()).rows).toBe(rowsOn([dayOf(NOW), dayOf(waiting.createdAt)]));
  });

  it('leaves a bucket open until it ended the settle time ago', async () => {
    const yesterday = dayOf(NOW) - 1;
    const repo = counted({ settleMs: 13 * HOUR }); // yesterday ended 12.5 h ago
    await repo.rowsFor();
    expect((await repo.rowsFor()).rows).toBe(rowsOn([dayOf(NOW), dayOf(waiting.createdAt), yesterday]));
    repo.setNow(NOW + HOUR);
    await repo.rowsFor();
    expect((await repo.rowsFor()).rows).toBe(rowsOn([dayOf(NOW), dayOf(waiting.createdAt)]));
  });

  it('bounds the cache by weight and by age', async () => {
    const tiny = counted({ cache: { maxWeight: 1 } });
    await tiny.rowsFor();
    expect((await tiny.rowsFor()).rows).toBe(all().length);
    const aging = counted({ cache: { maxAgeMs: 10 * 60_000 } });
    await aging.rowsFor();
    aging.setNow(NOW + 10 * 60_000 + 1); // older than maxAgeMs
    expect((await aging.rowsFor()).rows).toBe(all().length);
  });

  it('gives way to the event loop between statements', async () => {
    let turns = 0;
    let on = true;
    const tick = () => {
      turns++;
      if (on) setImmediate(tick);
    };
    setImmediate(tick);
    const repo = counted({ chunkRows: 4 });
    await repo.rowsFor();
    on = false;
    expect(repo.reads.statements).toBeGreaterThan(20);
    expect(turns).toBeGreaterThanOrEqual(repo.reads.statements - 1);
  });
});
