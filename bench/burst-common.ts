/** What the Discord and Slack bursts share: the fal emulator, the bot's settings, the job ledger. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient } from '@libsql/client';
import { type FalEmulator, type FalEmulatorStats, startFalEmulator } from '../sandbox/fal/fal-emulator.js';
import { pickPort } from '../sandbox/free-port.js';
import type { Catalog } from '../src/core/catalog/schema.js';
import type { Logger } from '../src/core/logger.js';
import { findViolations } from '../src/core/prompt/compatibility.js';
import { tinyRender } from './tiny-image.js';

export interface BurstSettings {
  n: number;
  /** PROVIDER_CONCURRENCY of the bot (C). */
  concurrency: number;
  /** fal latency per image (L), no spread. */
  latencyMs: number;
  /** The bot's LOG_LEVEL (its log goes to bot.log in the run folder). */
  logLevel: string;
  /** Write a .cpuprofile of the bot here. */
  cpuProfileDir?: string;
  /** Run this compiled main.js with node (see compiled-bot.ts); else src/main.ts through tsx. */
  compiledMain?: string;
  keepRunDir: boolean;
  tinyPng: Buffer;
  log: Logger;
  progress(line: string): void;
}

export const HOST = '127.0.0.1';

/**
 * The runtime settings the Dockerfile gives the bot (a test keeps the two in step), so the bench measures
 * the bot as it is deployed. A smaller young generation (V8's default semi-space is 16 MB) and two malloc
 * arenas (glibc makes up to 8 per core for libsql's, sharp's and libuv's threads) took the RSS with 1,000
 * waiting Discord jobs from 206 to 180 MB with the same CPU per job (measured with the bench's waiting
 * and burst runs).
 */
export const PRODUCTION_RUNTIME_ENV = {
  NODE_ENV: 'production',
  NODE_OPTIONS: '--max-semi-space-size=4',
  MALLOC_ARENA_MAX: '2',
} as const;

/** The extra text of job i: makes every prompt unique, so fal's per-prompt counts reveal resubmits. */
export const jobTag = (runId: string, i: number): string => `bench job ${i} run ${runId}`;
const TAG = /bench job (\d+) run ([a-z0-9]+)/;

export function jobIndexOf(text: string, runId: string): number | undefined {
  const match = TAG.exec(text);
  return match && match[2] === runId ? Number(match[1]) : undefined;
}

export const newRunId = (): string => randomBytes(4).toString('hex');

/**
 * Every dimension of the catalog given (so jobs start at once), varied from job to job and always a
 * combination the catalog's compatibility rules allow.
 */
export function dimensionsFor(catalog: Catalog, i: number): Record<string, string> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const seed = i + attempt * 7_919;
    const values: Record<string, string> = {};
    catalog.dimensions.forEach((d, k) => {
      values[d.id] = d.options[(seed * (2 * k + 1) + k) % d.options.length]!.id;
    });
    if (findViolations(catalog, values).length === 0) return values;
  }
  throw new Error(`no compatible combination of ${catalog.id}'s options found for job ${i}`);
}

/** fal with the tiny image and room for far more than C jobs at once: the bot's limiter is what limits. */
export function startBenchFal(settings: BurstSettings, latencyMs = settings.latencyMs): Promise<FalEmulator> {
  return startFalEmulator({
    host: HOST,
    knobs: { latencyMs, latencySpreadMs: 0, concurrency: 1000 },
    render: tinyRender(settings.tinyPng),
    maxMedia: 2000,
    // The tokenizer's first load would stall the emulator mid-burst; the bench measures the bot, not prompts.
    readPrompts: false,
  });
}

export interface RunDir {
  path: string;
  dispose(): Promise<void>;
}

export async function makeRunDir(keep: boolean): Promise<RunDir> {
  const path = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  return { path, dispose: () => (keep ? Promise.resolve() : rm(path, { recursive: true, force: true })) };
}

/** The bot's environment apart from the chat platform's settings. */
export async function coreBotEnv(
  settings: BurstSettings,
  fal: FalEmulator,
  runDir: string,
  concurrency = settings.concurrency,
): Promise<{ env: Record<string, string>; url: string; opsUrl: string }> {
  const port = await pickPort(HOST, 0);
  const opsPort = await pickPort(HOST, 0);
  const url = `http://${HOST}:${port}`;
  return {
    url,
    opsUrl: `http://${HOST}:${opsPort}`,
    env: {
      FAL_KEY: 'bench',
      FAL_QUEUE_URL: fal.url,
      DATABASE_URL: `file:${join(runDir, 'atelier.db')}`,
      STORAGE_DIR: join(runDir, 'media'),
      HTTP_HOST: HOST,
      HTTP_PORT: String(port),
      OPS_HOST: HOST,
      OPS_PORT: String(opsPort),
      PUBLIC_BASE_URL: url,
      // As in production with R2: chat shows a link to our storage, no upload per image.
      MEDIA_DELIVERY: 'link',
      ...PRODUCTION_RUNTIME_ENV,
      PROVIDER_CONCURRENCY: String(concurrency),
      LOG_LEVEL: settings.logLevel,
    },
  };
}

export interface LedgerEntry {
  rows: number;
  messageIds: string[];
  statuses: string[];
}

/** The bot's generations rows of this run, by job index (read from its database file). */
export async function readLedger(runDir: string, runId: string): Promise<Map<number, LedgerEntry>> {
  const client = createClient({ url: `file:${join(runDir, 'atelier.db')}` });
  try {
    const result = await client.execute('SELECT extra, message_id, status FROM generations');
    const ledger = new Map<number, LedgerEntry>();
    for (const row of result.rows) {
      const index = jobIndexOf(String(row.extra ?? ''), runId);
      if (index === undefined) continue;
      const entry = ledger.get(index) ?? { rows: 0, messageIds: [], statuses: [] };
      entry.rows++;
      if (row.message_id) entry.messageIds.push(String(row.message_id));
      entry.statuses.push(String(row.status));
      ledger.set(index, entry);
    }
    return ledger;
  } finally {
    client.close();
  }
}

/** Jobs of this run that fal saw submitted more than once, or that have more than one record. */
export function duplicatedJobs(
  stats: FalEmulatorStats,
  ledger: ReadonlyMap<number, LedgerEntry>,
  runId: string,
): Set<number> {
  const duplicated = new Set<number>();
  for (const [prompt, count] of Object.entries(stats.submitsByPrompt)) {
    const index = jobIndexOf(prompt, runId);
    if (index !== undefined && count > 1) duplicated.add(index);
  }
  for (const [index, entry] of ledger) if (entry.rows > 1) duplicated.add(index);
  return duplicated;
}

/**
 * Waits until `done()` says so; gives up when `progress()` has not moved for `stallMs` or at `deadline`.
 * Returns whether it finished.
 */
export async function waitForCompletion(options: {
  done(): boolean;
  progress(): number;
  deadline: number;
  stallMs: number;
  report?(value: number): void;
}): Promise<boolean> {
  let last = -1;
  let movedAt = Date.now();
  let reportedAt = 0;
  while (!options.done()) {
    const now = Date.now();
    const value = options.progress();
    if (value !== last) {
      last = value;
      movedAt = now;
    }
    if (options.report && now - reportedAt >= 10_000) {
      reportedAt = now;
      options.report(value);
    }
    if (now > options.deadline || now - movedAt > options.stallMs) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** The status an edit shows, by the emoji its status line opens with (⏳ queued, 🎨 generating, ✅ done…). */
export function statusEmojiOf(statusLine: string): string {
  return /^\p{Extended_Pictographic}\uFE0F?/u.exec(statusLine)?.[0] ?? 'other';
}

/**
 * The event-loop delay of this process (the emulators and the load generator) from the first command
 * until every command is acknowledged: every ack is timestamped here, so an ack can look up to this much
 * later than it was. Start it before the first command; `until(done)` checks every 20 ms, at most `maxMs`.
 */
export function watchLoopDelay() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    async until(done: () => boolean, maxMs = 15_000): Promise<LoopDelay> {
      const deadline = Date.now() + maxMs;
      while (!done() && Date.now() < deadline) await sleep(20);
      histogram.disable();
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      return { p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
    },
  };
}

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Between two commands of a burst the load generator yields one event-loop turn. It shares its process
 * with the emulators, which time each acknowledgement from its command's creation: generating all N
 * commands in one synchronous loop kept the emulators from answering the bot until the loop was over, so
 * the first commands' latency included the generator's whole loop (about 0.7 s for 500 on a loaded
 * machine), time the bot had no part in. The commands still go out back to back, as fast as they are made.
 */
export const letEmulatorsRun = () => new Promise<void>((r) => setImmediate(r));

/**
 * After the last final edit come the 🔁 reaction and a record update (rate limited, so possibly queued):
 * waits until the chat API has seen no new call for `quietMs` (at most `maxMs`).
 */
export async function settle(calls: () => number, quietMs = 1_500, maxMs = 20_000): Promise<void> {
  const until = Date.now() + maxMs;
  let last = calls();
  let quietSince = Date.now();
  while (Date.now() < until && Date.now() - quietSince < quietMs) {
    await sleep(100);
    const now = calls();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}
