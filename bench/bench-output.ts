/** What `npm run bench` prints: the human tables, then the one-line JSON the checks read. */
import { cpus } from 'node:os';
import type { BenchOptions } from './bench-options.js';
import { type BurstMetrics, keyed } from './burst-metrics.js';
import type { DashboardBenchResult } from './dashboard-bench.js';
import { dashboardJson, dashboardTable } from './dashboard-output.js';
import type { GalleryResult } from './gallery-bench.js';
import { FAL_REQUESTS_PER_JOB } from './http-floor.js';
import { atMost, exactly, formatTable, type TableRow } from './report.js';
import { round } from './stats.js';
import type { WaitingResult } from './waiting-rss.js';

export interface PlatformOutcome {
  metrics: BurstMetrics;
  routes: Record<string, number>;
  edits: Record<string, number>;
  waiting?: WaitingResult;
  /** CPU ms by area during the burst, from the bot's V8 profile (BENCH_CPU_PROF). */
  profile?: Map<string, number>;
}

export interface Outcome {
  discord?: PlatformOutcome;
  slack?: PlatformOutcome;
  gallery?: GalleryResult;
  dashboard?: DashboardBenchResult;
  /** How the bot process ran: `node dist` (compiled) or `tsx`. */
  botRuntime?: 'node dist' | 'tsx';
  /** CPU of one plain HTTP request on this machine (see http-floor.ts), µs. */
  httpRequestCpuUs?: number;
}

/** The CPU per job that the requests alone cost: the job's chat calls and fal's, at the measured price. */
const cpuFloorMs = (m: BurstMetrics, requestUs: number | undefined) =>
  requestUs === undefined || m.chat_calls_per_job === null
    ? null
    : round(((m.chat_calls_per_job + FAL_REQUESTS_PER_JOB) * requestUs) / 1000, 2);

function waitingRows(o: BenchOptions, outcome: Outcome): TableRow[] {
  if (o.waiting === 0) return [];
  const [d, s] = [outcome.discord?.waiting, outcome.slack?.waiting];
  return [
    {
      metric: `RSS with ${o.waiting} waiting jobs, a minute after they came (MB)`,
      target: '≤ 200',
      values: [d, s].map((w) => (w ? round(w.rssMb, 1) : undefined)),
      pass: atMost(200),
    },
    {
      metric: "  right after they came, the burst's garbage not yet collected",
      target: '',
      values: [d, s].map((w) => (w ? round(w.rssAfterBurstMb, 1) : undefined)),
    },
    {
      metric: '  of those, not acknowledged in 3 s',
      target: '0',
      values: [d?.unacked, s?.unacked],
      pass: exactly(0),
    },
    {
      metric: '  acknowledged, but the message never showed the job',
      target: '0',
      values: [d?.unshown, s?.unshown],
      pass: exactly(0),
    },
  ];
}

/** Where the bot's main thread spent its CPU during each burst (only with BENCH_CPU_PROF). */
function profileTable(o: BenchOptions, outcome: Outcome): string | undefined {
  const [d, s] = [outcome.discord?.profile, outcome.slack?.profile];
  if (!d && !s) return undefined;
  const areas = [...new Set([...(d?.keys() ?? []), ...(s?.keys() ?? [])])]
    .filter((a) => a !== 'idle')
    .sort((a, b) => (d?.get(b) ?? s?.get(b) ?? 0) - (d?.get(a) ?? s?.get(a) ?? 0));
  const perJob = (m: Map<string, number> | undefined, area: string) =>
    m ? round((m.get(area) ?? 0) / o.n, 2) : undefined;
  const rows: TableRow[] = areas.map((area) => ({
    metric: area,
    target: '',
    values: [perJob(d, area), perJob(s, area)],
  }));
  return `Bot main-thread CPU during the burst, ms per job, by area (V8 profile; profiling slows the bot)\n${formatTable(['discord', 'slack'], rows)}`;
}

export function tableOf(o: BenchOptions, outcome: Outcome): string {
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
    row("  emulators' own event-loop delay meanwhile, p99 (ms)", '', (m) => m.emulator_loop_delay_p99_ms),
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
    row(
      `  floor: its HTTP requests alone (${outcome.httpRequestCpuUs?.toFixed(0) ?? '?'} µs each)`,
      '',
      (m) => cpuFloorMs(m, outcome.httpRequestCpuUs),
    ),
    row('RSS of the idle bot before the burst (MB)', '', (m) => m.rss_idle_mb),
    row('peak RSS (MB)', '', (m) => m.rss_mb),
    ...waitingRows(o, outcome),
    row('lost', '0', (m) => m.lost, exactly(0)),
    row('duplicated', '0', (m) => m.duplicated, exactly(0)),
    row('failed (final ❌/🚫)', '0', (m) => m.failed, exactly(0)),
    row('not acknowledged in 3 s', '0', (m) => m.unacked, exactly(0)),
  ];
  const parts: string[] = [];
  if (d || s) parts.push(formatTable(['discord', 'slack'], rows));
  const profile = profileTable(o, outcome);
  if (profile) parts.push(profile);
  const g = outcome.gallery;
  if (g) {
    const galleryRows: TableRow[] = g.cases.map((c) => ({
      metric: `${c.name} (~${Math.round(c.meanTotal)}${c.capped ? '+' : ''} records)`,
      target: c.heavy ? '' : '≤ 10',
      values: [round(c.ms.p50, 2), round(c.ms.p99, 2)],
      ...(c.heavy ? {} : { pass: atMost(10) }),
    }));
    parts.push(
      `Gallery page (24 items + total) at ${g.records.toLocaleString('en')} records, through the repository`,
    );
    parts.push(formatTable(['p50 ms', 'p99 ms'], galleryRows));
  }
  if (outcome.dashboard) parts.push(dashboardTable(outcome.dashboard));
  return parts.join('\n\n');
}

export function jsonOf(o: BenchOptions, outcome: Outcome, load: { start: number[]; end: number[] }) {
  const g = outcome.gallery;
  return {
    n: o.n,
    provider_concurrency: o.concurrency,
    latency_ms: o.latencyMs,
    ...(outcome.httpRequestCpuUs !== undefined
      ? { http_request_cpu_us: round(outcome.httpRequestCpuUs, 0) }
      : {}),
    ...(outcome.discord ? keyed('discord', outcome.discord.metrics) : {}),
    ...(outcome.discord
      ? { cpu_floor_ms_per_job: cpuFloorMs(outcome.discord.metrics, outcome.httpRequestCpuUs) }
      : {}),
    ...(outcome.discord?.waiting
      ? {
          rss_mb_1000_waiting: round(outcome.discord.waiting.rssMb, 1),
          rss_mb_1000_waiting_after_burst: round(outcome.discord.waiting.rssAfterBurstMb, 1),
          unacked_1000_waiting: outcome.discord.waiting.unacked,
          unshown_1000_waiting: outcome.discord.waiting.unshown,
        }
      : {}),
    ...(outcome.slack ? keyed('slack', outcome.slack.metrics) : {}),
    ...(outcome.slack
      ? { slack_cpu_floor_ms_per_job: cpuFloorMs(outcome.slack.metrics, outcome.httpRequestCpuUs) }
      : {}),
    ...(outcome.slack?.waiting
      ? {
          slack_rss_mb_1000_waiting: round(outcome.slack.waiting.rssMb, 1),
          slack_rss_mb_1000_waiting_after_burst: round(outcome.slack.waiting.rssAfterBurstMb, 1),
          slack_unacked_1000_waiting: outcome.slack.waiting.unacked,
          slack_unshown_1000_waiting: outcome.slack.waiting.unshown,
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
    ...(outcome.dashboard ? dashboardJson(outcome.dashboard) : {}),
    waiting_jobs: o.waiting,
    ...(outcome.botRuntime ? { bot_runtime: outcome.botRuntime } : {}),
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
