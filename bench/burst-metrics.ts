/** What one burst observed, and the numbers the report makes of it. */
import type { LoopDelay } from './burst-common.js';
import { idealMakespanMs, round, summarize } from './stats.js';

export interface BurstObservation {
  platform: 'discord' | 'slack';
  n: number;
  concurrency: number;
  latencyMs: number;
  /** Defer (Discord) or ack (Slack) latency of each acknowledged command, ms. */
  deferMs: number[];
  /** Commands the bot never acknowledged in time. */
  unacked: number;
  /** Epoch ms of the first command sent. */
  startedAt: number;
  /** Epoch ms of each job's final edit (absent: never reached its final state). */
  finalAt: ReadonlyMap<number, number>;
  /** Jobs whose final state is a failure (❌ / 🚫) rather than ✅. */
  failed: number;
  duplicated: number;
  peakProviderConcurrency: number;
  /** Chat API requests the bot made from the first command to the end. */
  chatCalls: number;
  chatCallsByRoute: Record<string, number>;
  /** Message edits by the status they showed (⏳, 📨, 🎨, 💾, ✅…): where the edits go. */
  editsByStatus: Record<string, number>;
  /** Bot CPU time (user + system) from the first command to the end, ms. */
  cpuMs: number;
  /** CPU ms per job that the image work (probe + thumbnail of the tiny image) costs. */
  imageCpuMsPerJob: number;
  /** Peak resident memory of the bot (VmHWM), MB. */
  rssPeakMb: number;
  /** Resident memory of the started, idle bot just before the burst, MB. */
  rssIdleMb: number;
  /** fal submits of this burst (should be n). */
  falSubmits: number;
  /** This process's event-loop delay from the first command until every command was acknowledged. */
  emulatorLoopDelay: LoopDelay;
  /** The bot's pid and the burst's window on the monotonic clock (µs), to cut it out of a CPU profile. */
  botPid: number;
  windowUs: readonly [number, number];
}

export interface BurstMetrics {
  defer_p50_ms: number | null;
  defer_p99_ms: number | null;
  defer_max_ms: number | null;
  emulator_loop_delay_p99_ms: number;
  emulator_loop_delay_max_ms: number;
  makespan_ms: number | null;
  ideal_makespan_ms: number;
  makespan_ratio: number | null;
  peak_provider_concurrency: number;
  chat_calls_per_job: number | null;
  cpu_ms_per_job: number | null;
  cpu_ms_per_job_incl_image: number | null;
  image_cpu_ms_per_job: number | null;
  rss_mb: number | null;
  rss_idle_mb: number | null;
  lost: number;
  duplicated: number;
  failed: number;
  unacked: number;
}

export function burstMetrics(o: BurstObservation): BurstMetrics {
  const defer = summarize(o.deferMs);
  const finals = [...o.finalAt.values()];
  const lastFinal = finals.length > 0 ? Math.max(...finals) : Number.NaN;
  const makespan = lastFinal - o.startedAt;
  const ideal = idealMakespanMs(o.n, o.concurrency, o.latencyMs);
  const cpuPerJob = o.cpuMs / o.n;
  return {
    defer_p50_ms: round(defer.p50, 1),
    defer_p99_ms: round(defer.p99, 1),
    defer_max_ms: round(defer.max, 1),
    emulator_loop_delay_p99_ms: o.emulatorLoopDelay.p99Ms,
    emulator_loop_delay_max_ms: o.emulatorLoopDelay.maxMs,
    // Only meaningful when every job finished: otherwise the last final edit is not the end.
    makespan_ms: finals.length === o.n ? round(makespan, 0) : null,
    ideal_makespan_ms: ideal,
    makespan_ratio: finals.length === o.n ? round(makespan / ideal, 3) : null,
    peak_provider_concurrency: o.peakProviderConcurrency,
    chat_calls_per_job: round(o.chatCalls / o.n, 2),
    cpu_ms_per_job: round(Math.max(0, cpuPerJob - o.imageCpuMsPerJob), 2),
    cpu_ms_per_job_incl_image: round(cpuPerJob, 2),
    image_cpu_ms_per_job: round(o.imageCpuMsPerJob, 2),
    rss_mb: round(o.rssPeakMb, 1),
    rss_idle_mb: round(o.rssIdleMb, 1),
    lost: o.n - finals.length,
    duplicated: o.duplicated,
    failed: o.failed,
    unacked: o.unacked,
  };
}

/** The metrics under the JSON keys of the report: Discord's bare, Slack's prefixed `slack_`. */
export function keyed(platform: 'discord' | 'slack', metrics: object): Record<string, unknown> {
  const prefix = platform === 'slack' ? 'slack_' : '';
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`${prefix}${k}`, v]));
}
