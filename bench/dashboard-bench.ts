/**
 * The usage dashboard's report at 200,000 generations in 30 days, through the real repository
 * (createDashboardRepository) on an embedded libSQL file: what each view costs the event loop (its
 * longest synchronous stretch, the point of reading bucket by bucket), in time and CPU, on a first view
 * (empty cache) and a repeat view (closed buckets kept).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Logger } from '../src/core/logger.js';
import { DASHBOARD_RANGES, type DashboardRange } from '../src/core/usage/usage-report.js';
import { createDashboardRepository } from '../src/infra/db/dashboard-repository.js';
import type { Db } from '../src/infra/db/database.js';
import { openDatabase } from '../src/infra/db/database.js';
import { toQuery } from '../src/web/admin/dashboard-query.js';
import { insertUsageSql, type UsageShape } from './dashboard-data.js';

/** 2026-01-15 15:40 UTC: mid-hour and mid-day, so the last bucket of each range is open. */
const END_MS = Date.UTC(2026, 0, 15, 15, 40);
export const DASHBOARD_SHAPE: UsageShape = { records: 200_000, days: 30, users: 2_000, endMs: END_MS };
const BUILD_CHUNK = 50_000;
const ROUNDS = 3;

export interface ViewCost {
  /** Median over the rounds. */
  wallMs: number;
  cpuMs: number;
  /** Longest event-loop block seen in any round (monitorEventLoopDelay: includes GC and preemption). */
  maxBlockMs: number;
  /**
   * Longest stretch of the report between two of its pauses, wall and process CPU time (wall is what holds
   * the loop; it grows when the machine is busy, CPU also counts V8's parallel GC threads).
   */
  maxStretchMs: number;
  maxStretchCpuMs: number;
  statements: number;
}

export interface DashboardRangeResult {
  range: DashboardRange;
  first: ViewCost;
  repeat: ViewCost;
}

export interface DashboardBenchResult {
  records: number;
  builtInSec: number;
  ranges: DashboardRangeResult[];
  maxBlockMs: number;
  maxStretchMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Times the report's synchronous stretches: from resuming after one pause to the next pause (or the end). */
function stretchMeter() {
  let at = { wall: 0, cpu: 0 };
  const max = { wall: 0, cpu: 0, statements: 0 };
  const close = () => {
    max.wall = Math.max(max.wall, performance.now() - at.wall);
    max.cpu = Math.max(max.cpu, cpuMs() - at.cpu);
  };
  const open = () => {
    at = { wall: performance.now(), cpu: cpuMs() };
  };
  return {
    max,
    open,
    close,
    pause: async () => {
      close();
      max.statements++;
      await new Promise<void>((resolve) => setImmediate(resolve));
      open();
    },
  };
}

type Meter = ReturnType<typeof stretchMeter>;

/** One report, watched: the loop-delay monitor runs a moment first so it has a baseline to measure from. */
async function watch(report: () => Promise<unknown>, meter: Meter): Promise<ViewCost> {
  Object.assign(meter.max, { wall: 0, cpu: 0, statements: 0 });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  await nextTurn();
  const cpu = cpuMs();
  const started = performance.now();
  meter.open();
  await report();
  meter.close();
  const wallMs = performance.now() - started;
  const used = cpuMs() - cpu;
  await nextTurn();
  loop.disable();
  return {
    wallMs,
    cpuMs: used,
    maxBlockMs: loop.max / 1e6,
    maxStretchMs: meter.max.wall,
    maxStretchCpuMs: meter.max.cpu,
    statements: meter.max.statements,
  };
}

const summary = (samples: ViewCost[]): ViewCost => ({
  wallMs: median(samples.map((s) => s.wallMs)),
  cpuMs: median(samples.map((s) => s.cpuMs)),
  maxBlockMs: Math.max(...samples.map((s) => s.maxBlockMs)),
  maxStretchMs: Math.max(...samples.map((s) => s.maxStretchMs)),
  maxStretchCpuMs: Math.max(...samples.map((s) => s.maxStretchCpuMs)),
  statements: median(samples.map((s) => s.statements)),
});

async function measureRange(db: Db, range: DashboardRange): Promise<DashboardRangeResult> {
  const query = toQuery({ range, workspace: undefined, model: undefined }, END_MS);
  const meter = stretchMeter();
  const first: ViewCost[] = [];
  const repeat: ViewCost[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh repository: an empty cache, as after a restart.
    const repo = createDashboardRepository(db, { clock: { now: () => END_MS }, pause: meter.pause });
    first.push(await watch(() => repo.report(query), meter));
    repeat.push(await watch(() => repo.report(query), meter));
  }
  return { range, first: summary(first), repeat: summary(repeat) };
}

export async function runDashboardBench(
  log: Logger,
  progress: (line: string) => void,
  shape: UsageShape = DASHBOARD_SHAPE,
): Promise<DashboardBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-dashboard-bench-'));
  try {
    const database = await openDatabase({ url: `file:${join(dir, 'usage.db')}`, log });
    try {
      progress(
        `dashboard: writing ${shape.records.toLocaleString('en')} generations over ${shape.days} days`,
      );
      const started = performance.now();
      for (let from = 0; from < shape.records; from += BUILD_CHUNK)
        await database.client.execute(
          insertUsageSql(shape, from, Math.min(shape.records, from + BUILD_CHUNK)),
        );
      const builtInSec = (performance.now() - started) / 1000;
      const ranges: DashboardRangeResult[] = [];
      for (const range of DASHBOARD_RANGES) {
        progress(`dashboard: ${range} report, first and repeat view ×${ROUNDS}`);
        ranges.push(await measureRange(database.db, range));
      }
      return {
        records: shape.records,
        builtInSec,
        ranges,
        maxBlockMs: Math.max(...ranges.flatMap((r) => [r.first.maxBlockMs, r.repeat.maxBlockMs])),
        maxStretchMs: Math.max(...ranges.flatMap((r) => [r.first.maxStretchMs, r.repeat.maxStretchMs])),
      };
    } finally {
      database.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
