import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import type { KnobsUpdate } from '../../../sandbox/fal/knobs.js';
import type { RenderFn } from '../../../sandbox/fal/render-output.js';
import { type Core, type CoreTuning, createCore } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import { isTerminal, type StatusEvent } from '../../../src/core/status.js';
import type { Requester } from '../../../src/core/types.js';

export const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
export const PRIMARY = 'fal-ai/flux/schnell';
export const FALLBACK = 'fal-ai/flux/dev';

/** Distinct extra text per job, so the emulator's submitsByPrompt counts each job on its own. */
export const paramsFor = (label: string) => ({ catalogId: 'capitao-caverna', options: {}, extra: label });

/** Short timings so every fault plays out in well under a second; jitter fixed at its ceiling. */
export const FAST_TUNING = {
  provider: {
    timeouts: { pollIntervalMs: 15, requestMs: 2_000, submitMs: 2_000, waitMs: 10_000, downloadMs: 2_000 },
    retry: {
      submit: { attempts: 3, baseMs: 20, capMs: 80 },
      result: { attempts: 4, baseMs: 20, capMs: 80 },
      random: () => 1,
    },
    breaker: {
      volumeThreshold: 5,
      errorThresholdPercentage: 50,
      resetTimeoutMs: 30_000,
      rollingCountTimeoutMs: 60_000,
    },
  },
  generation: {
    store: { attempts: 4, baseMs: 20, capMs: 80 },
    record: { attempts: 6, baseMs: 20, capMs: 80 },
    random: () => 1,
  },
  database: { busyTimeoutMs: 40 },
} satisfies CoreTuning;

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : DeepPartial<T[K]>;
};

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge<T>(base: T, override: unknown): T {
  if (!isPlain(base) || !isPlain(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(out[key], value);
  return out as T;
}

/** FAST_TUNING with the given values changed, e.g. `tuned({ provider: { timeouts: { waitMs: 400 } } })`. */
export function tuned(overrides: DeepPartial<typeof FAST_TUNING> = {}): CoreTuning {
  return merge(FAST_TUNING, overrides);
}

/** A tiny fixed PNG instead of the placeholder artwork: the faults are the point, not the rendering. */
const tinyPng = sharp({ create: { width: 64, height: 64, channels: 3, background: '#c8843a' } })
  .png()
  .toBuffer();
const renderTiny: RenderFn = async () => ({ png: await tinyPng, width: 64, height: 64 });

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface FaultFixture {
  core: Core;
  fal: FalEmulator;
  dir: string;
  events: StatusEvent[];
  /** warn and above, from every component. */
  logs: LogLine[];
  eventsFor(id: string): StatusEvent[];
  /** Resolves with the job's first terminal status event (done, failed or blocked). */
  terminal(id: string, ms?: number): Promise<StatusEvent>;
  /** Objects in the local media folder (relative keys; the store's .meta.json sidecars left out). */
  mediaFiles(): Promise<string[]>;
  /** A second core on the same database, storage and emulator, as after a restart. */
  restart(): Promise<Core>;
  close(): Promise<void>;
}

export async function startFaultCore(
  options: { knobs?: KnobsUpdate; env?: Record<string, string>; tuning?: CoreTuning } = {},
): Promise<FaultFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-faults-'));
  const fal = await startFalEmulator({
    knobs: { latencyMs: 30, latencySpreadMs: 0, concurrency: 20, ...options.knobs },
    render: renderTiny,
  });
  const env = {
    FAL_KEY: 'test-key',
    FAL_QUEUE_URL: fal.url,
    DATABASE_URL: `file:${join(dir, 'atelier.db')}`,
    STORAGE_DIR: join(dir, 'media'),
    PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
    PROVIDER_CONCURRENCY: '2',
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const logs: LogLine[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const events: StatusEvent[] = [];
  const waiters = new Map<string, Array<(event: StatusEvent) => void>>();
  const cores: Core[] = [];
  const open = async () => {
    const core = await createCore(parseConfig(env), log, {
      limiterId: `faults-${Date.now()}-${Math.random()}`,
      tuning: options.tuning ?? tuned(),
    });
    core.service.onStatus((event) => {
      events.push(event);
      if (!isTerminal(event.update)) return;
      for (const resolve of waiters.get(event.generation.id) ?? []) resolve(event);
      waiters.delete(event.generation.id);
    });
    cores.push(core);
    return core;
  };
  const core = await open();
  const eventsFor = (id: string) => events.filter((e) => e.generation.id === id);
  return {
    core,
    fal,
    dir,
    events,
    logs,
    eventsFor,
    terminal(id, ms = 20_000) {
      const seen = eventsFor(id).find((e) => isTerminal(e.update));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`job ${id} reached no terminal state`)), ms);
        const list = waiters.get(id) ?? [];
        list.push((event) => {
          clearTimeout(timer);
          resolve(event);
        });
        waiters.set(id, list);
      });
    },
    async mediaFiles() {
      const root = join(dir, 'media');
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isFile() && !e.name.endsWith('.meta.json'))
        .map((e) => relative(root, join(e.parentPath, e.name)));
    },
    restart: open,
    async close() {
      for (const c of cores) await c.close(2_000).catch(() => {});
      await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the predicate holds; fails the test with `what` when it does not in time. */
export async function waitUntil(what: string, predicate: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** How many rows the generations table holds, by status. */
export async function statusCounts(core: Core): Promise<Record<string, number>> {
  const result = await core.database.client.execute(
    'SELECT status, count(*) AS n FROM generations GROUP BY status',
  );
  return Object.fromEntries(result.rows.map((r) => [String(r.status), Number(r.n)]));
}
