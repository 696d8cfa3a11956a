/**
 * `npm run bench`: the real bot as a child process against the emulators (Discord and Slack bursts, a
 * queue of waiting jobs), the gallery query at a million records and the usage dashboard's report.
 * Prints a table, then one JSON line.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ensureCompiledBot } from '../sandbox/compiled-bot.js';
import type { ParsedArgs } from '../src/cli/args.js';
import { loadCatalogs } from '../src/core/catalog/load-catalogs.js';
import { createLogger } from '../src/infra/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { benchOptions } from './bench-options.js';
import { jsonOf, type Outcome, tableOf } from './bench-output.js';
import type { BurstSettings } from './burst-common.js';
import { burstMetrics } from './burst-metrics.js';
import { readMainThreadProfile, summarizeProfile } from './cpu-profile.js';
import { runDashboardBench } from './dashboard-bench.js';
import { runDiscordBurst } from './discord-burst.js';
import { runGalleryBench } from './gallery-bench.js';
import { measureHttpRequestCpuUs } from './http-floor.js';
import { runSlackBurst } from './slack-burst.js';
import { makeTinyPng, measureImageCpuMs } from './tiny-image.js';
import { runWaitingRss, type WaitingResult } from './waiting-rss.js';

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
  const bursts = o.only.has('discord') || o.only.has('slack');
  const compiledMain = bursts ? await ensureCompiledBot(progress, err) : undefined;
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
    ...(compiledMain ? { compiledMain } : {}),
  };
  const outcome: Outcome = bursts ? { botRuntime: compiledMain ? 'node dist' : 'tsx' } : {};
  if (bursts) outcome.httpRequestCpuUs = await measureHttpRequestCpuUs();
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
    // The bot has exited, so its profile is on disk.
    const profile = o.cpuProfileDir
      ? await readMainThreadProfile(o.cpuProfileDir, observed.botPid)
      : undefined;
    outcome[platform] = {
      metrics,
      routes: observed.chatCallsByRoute,
      edits: observed.editsByStatus,
      ...(waiting ? { waiting } : {}),
      ...(profile ? { profile: summarizeProfile(profile, ...observed.windowUs) } : {}),
    };
  }
  if (o.only.has('gallery'))
    outcome.gallery = await runGalleryBench(resolve(PROJECT_ROOT, 'data/bench'), catalogs, log, progress);
  if (o.only.has('dashboard')) outcome.dashboard = await runDashboardBench(log, progress);
  load.end = loadavg();
  out.write(`${tableOf(o, outcome)}\n\n`);
  out.write(
    `Machine: ${cpus().length} CPUs, load average ${load.start.map((x) => x.toFixed(2)).join(' ')} at start, ${load.end.map((x) => x.toFixed(2)).join(' ')} at end.\n`,
  );
  out.write(`${JSON.stringify(jsonOf(o, outcome, load))}\n`);
  return 0;
}
