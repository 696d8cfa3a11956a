/**
 * `npm run bench`: the real bot as a child process against the emulators (Discord and Slack bursts, a
 * queue of waiting jobs) and the gallery query at a million records. Prints a table, then one JSON line.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type ParsedArgs, UsageError } from '../cli/args.js';
import { loadCatalogs } from '../core/catalog/load-catalogs.js';
import { createLogger } from '../infra/logger.js';
import { PROJECT_ROOT } from '../paths.js';
import type { BurstSettings } from './burst-common.js';
import { type BurstMetrics, burstMetrics, keyed } from './burst-metrics.js';
import { runDiscordBurst } from './discord-burst.js';
import { type GalleryResult, runGalleryBench } from './gallery-bench.js';
import { atMost, exactly, formatTable, type TableRow } from './report.js';
import { runSlackBurst } from './slack-burst.js';
import { round } from './stats.js';
import { makeTinyPng, measureImageCpuMs } from './tiny-image.js';
import { runWaitingRss, type WaitingResult } from './waiting-rss.js';

export const BENCH_HELP = `npm run bench [-- --only discord,slack,gallery] [--keep]

Environment: BENCH_N (jobs per burst, default 500), BENCH_LATENCY_MS (fal time per image, default 1000),
BENCH_C (PROVIDER_CONCURRENCY, default 4), BENCH_WAITING (jobs for the memory check, default 1000),
BENCH_LOG_LEVEL (the bot's LOG_LEVEL, default info), BENCH_CPU_PROF=<dir> (V8 CPU profiles of the bot).
--keep leaves each run's folder (bot.log, database) in the system temp folder.`;

const PARTS = ['discord', 'slack', 'gallery'] as const;
type Part = (typeof PARTS)[number];

export interface BenchOptions {
  n: number;
  latencyMs: number;
  concurrency: number;
  waiting: number;
  only: ReadonlySet<Part>;
  logLevel: string;
  cpuProfileDir: string | undefined;
  keep: boolean;
}

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${name}: expected a whole number ≥ ${min}, got "${text}".`);
  return value;
}

export function benchOptions(args: ParsedArgs, env: Record<string, string | undefined>): BenchOptions {
  const unknown = [...args.options.keys(), ...args.flags].filter((k) => k !== 'only' && k !== 'keep');
  if (unknown.length > 0 || args.positionals.length > 0)
    throw new UsageError(
      `Unknown bench option ${[...unknown.map((k) => `--${k}`), ...args.positionals].join(', ')}.\n\n${BENCH_HELP}`,
    );
  const only = (args.options.get('only') ?? PARTS.join(','))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const wrong = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (wrong.length > 0 || only.length === 0)
    throw new UsageError(
      `--only: expected discord, slack and/or gallery, got "${args.options.get('only') ?? ''}".`,
    );
  return {
    n: whole(env, 'BENCH_N', 500, 1),
    latencyMs: whole(env, 'BENCH_LATENCY_MS', 1000, 1),
    concurrency: whole(env, 'BENCH_C', 4, 1),
    waiting: whole(env, 'BENCH_WAITING', 1000, 0),
    only: new Set(only as Part[]),
    logLevel: env.BENCH_LOG_LEVEL || 'info',
    cpuProfileDir: env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined,
    keep: args.flags.has('keep'),
  };
}

interface PlatformOutcome {
  metrics: BurstMetrics;
  routes: Record<string, number>;
  edits: Record<string, number>;
  waiting?: WaitingResult;
}

interface Outcome {
  discord?: PlatformOutcome;
  slack?: PlatformOutcome;
  gallery?: GalleryResult;
}

function tableOf(o: BenchOptions, outcome: Outcome): string {
  const d = outcome.discord?.metrics;
  const s = outcome.slack?.metrics;
  const row = (
    metric: string,
    target: string,
    pick: (m: BurstMetrics) => number | null,
    pass?: (v: number) => boolean,
  ): TableRow => ({ metric, target, values: [d && pick(d), s && pick(s)], ...(pass ? { pass } : {}) });
  const rows: TableRow[] = [
    row('defer/ack p50 (ms)', '', (m) => m.defer_p50_ms),
    row('defer/ack p99 (ms)', '≤ 50', (m) => m.defer_p99_ms, atMost(50)),
    row('makespan (ms)', '', (m) => m.makespan_ms),
    row(
      `makespan / ideal (${d?.ideal_makespan_ms ?? s?.ideal_makespan_ms} ms)`,
      '≤ 1.05',
      (m) => m.makespan_ratio,
      atMost(1.05),
    ),
    row(
      'peak provider concurrency',
      `≤ ${o.concurrency}`,
      (m) => m.peak_provider_concurrency,
      atMost(o.concurrency),
    ),
    row('chat API calls per job', '≤ 5', (m) => m.chat_calls_per_job, atMost(5)),
    row('CPU ms per job (image work excluded)', '≤ 2', (m) => m.cpu_ms_per_job, atMost(2)),
    row('CPU ms per job (all)', '', (m) => m.cpu_ms_per_job_incl_image),
    row('RSS of the idle bot before the burst (MB)', '', (m) => m.rss_idle_mb),
    row('peak RSS (MB)', '', (m) => m.rss_mb),
    {
      metric: `RSS with ${o.waiting} waiting jobs (MB)`,
      target: '≤ 200',
      values: [outcome.discord?.waiting?.rssMb, outcome.slack?.waiting?.rssMb].map((v) =>
        v === undefined ? undefined : round(v, 1),
      ),
      pass: atMost(200),
    },
    {
      metric: `  of those, not acknowledged in 3 s`,
      target: '0',
      values: [outcome.discord?.waiting?.unacked, outcome.slack?.waiting?.unacked],
      pass: exactly(0),
    },
    row('lost', '0', (m) => m.lost, exactly(0)),
    row('duplicated', '0', (m) => m.duplicated, exactly(0)),
    row('failed (final ❌/🚫)', '0', (m) => m.failed, exactly(0)),
    row('not acknowledged in 3 s', '0', (m) => m.unacked, exactly(0)),
  ];
  const parts: string[] = [];
  if (d || s) parts.push(formatTable(['discord', 'slack'], rows));
  const g = outcome.gallery;
  if (g) {
    const galleryRows: TableRow[] = g.cases.map((c) => ({
      metric: `${c.name} (~${Math.round(c.meanTotal)} records)`,
      target: c.heavy ? '' : '≤ 10',
      values: [round(c.ms.p50, 2), round(c.ms.p99, 2)],
      ...(c.heavy ? {} : { pass: atMost(10) }),
    }));
    parts.push(
      `Gallery page (24 items + total) at ${g.records.toLocaleString('en')} records, through the repository`,
    );
    parts.push(formatTable(['p50 ms', 'p99 ms'], galleryRows));
  }
  return parts.join('\n\n');
}

function jsonOf(o: BenchOptions, outcome: Outcome, load: { start: number[]; end: number[] }) {
  const g = outcome.gallery;
  return {
    n: o.n,
    provider_concurrency: o.concurrency,
    latency_ms: o.latencyMs,
    ...(outcome.discord ? keyed('discord', outcome.discord.metrics) : {}),
    ...(outcome.discord?.waiting
      ? {
          rss_mb_1000_waiting: round(outcome.discord.waiting.rssMb, 1),
          unacked_1000_waiting: outcome.discord.waiting.unacked,
        }
      : {}),
    ...(outcome.slack ? keyed('slack', outcome.slack.metrics) : {}),
    ...(outcome.slack?.waiting
      ? {
          slack_rss_mb_1000_waiting: round(outcome.slack.waiting.rssMb, 1),
          slack_unacked_1000_waiting: outcome.slack.waiting.unacked,
        }
      : {}),
    ...(g
      ? {
          gallery_records: g.records,
          gallery_p50_ms: round(g.p50Ms, 2),
          gallery_p99_ms: round(g.p99Ms, 2),
          gallery_heavy_p99_ms: round(g.heavyP99Ms, 2),
        }
      : {}),
    waiting_jobs: o.waiting,
    chat_calls_by_route: {
      ...(outcome.discord ? { discord: outcome.discord.routes } : {}),
      ...(outcome.slack ? { slack: outcome.slack.routes } : {}),
    },
    edits_by_status: {
      ...(outcome.discord ? { discord: outcome.discord.edits } : {}),
      ...(outcome.slack ? { slack: outcome.slack.edits } : {}),
    },
    cpus: cpus().length,
    load_avg_start: load.start.map((x) => round(x, 2)),
    load_avg_end: load.end.map((x) => round(x, 2)),
  };
}

export async function runBench(
  args: ParsedArgs,
  env: Record<string, string | undefined>,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const o = benchOptions(args, env);
  const progress = (line: string) => err.write(`[bench] ${line}\n`);
  const load = { start: loadavg(), end: [] as number[] };
  const catalogs = await loadCatalogs();
  const log = createLogger('error', err);
  const tinyPng = await makeTinyPng();
  const imageCpuMsPerJob = await measureImageCpuMs(tinyPng);
  const settings: BurstSettings = {
    n: o.n,
    concurrency: o.concurrency,
    latencyMs: o.latencyMs,
    logLevel: o.logLevel,
    keepRunDir: o.keep,
    tinyPng,
    log,
    progress,
    ...(o.cpuProfileDir ? { cpuProfileDir: o.cpuProfileDir } : {}),
  };
  const outcome: Outcome = {};
  for (const platform of ['discord', 'slack'] as const) {
    if (!o.only.has(platform)) continue;
    progress(`${platform}: burst of ${o.n} /generate, fal ${o.latencyMs} ms, C=${o.concurrency}`);
    const run = platform === 'discord' ? runDiscordBurst : runSlackBurst;
    const observed = await run(settings, catalogs);
    const metrics = burstMetrics({ ...observed, imageCpuMsPerJob });
    let waiting: WaitingResult | undefined;
    if (o.waiting > 0) {
      progress(`${platform}: memory with ${o.waiting} waiting jobs`);
      waiting = await runWaitingRss(settings, catalogs, platform, o.waiting);
    }
    outcome[platform] = {
      metrics,
      routes: observed.chatCallsByRoute,
      edits: observed.editsByStatus,
      ...(waiting ? { waiting } : {}),
    };
  }
  if (o.only.has('gallery'))
    outcome.gallery = await runGalleryBench(resolve(PROJECT_ROOT, 'data/bench'), catalogs, log, progress);
  load.end = loadavg();
  out.write(`${tableOf(o, outcome)}\n\n`);
  out.write(
    `Machine: ${cpus().length} CPUs, load average ${load.start.map((x) => x.toFixed(2)).join(' ')} at start, ${load.end.map((x) => x.toFixed(2)).join(' ')} at end.\n`,
  );
  out.write(`${JSON.stringify(jsonOf(o, outcome, load))}\n`);
  return 0;
}
