import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type FalEmulator, startFalEmulator } from '../../sandbox/fal/fal-emulator.js';
import type { KnobsUpdate } from '../../sandbox/fal/knobs.js';
import { type Core, createCore } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import type { StatusEvent } from '../../src/core/status.js';

export interface CoreFixture {
  core: Core;
  fal: FalEmulator;
  dir: string;
  env: Record<string, string>;
  events: StatusEvent[];
  eventsFor(id: string): StatusEvent[];
  /** A second core on the same database and storage, as after a restart. */
  restart(): Promise<Core>;
  close(): Promise<void>;
}

/** The real composition (createCore) against a temp libSQL file, a temp media folder and the fal emulator. */
export async function startCoreFixture(
  options: { knobs?: KnobsUpdate; env?: Record<string, string>; fal?: FalEmulator } = {},
): Promise<CoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-core-'));
  const fal =
    options.fal ??
    (await startFalEmulator({ knobs: { latencyMs: 40, latencySpreadMs: 0, ...options.knobs } }));
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
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const cores: Core[] = [];
  const events: StatusEvent[] = [];
  const open = async () => {
    const core = await createCore(parseConfig(env), log, {
      limiterId: `test-${Date.now()}-${Math.random()}`,
    });
    core.service.onStatus((event) => events.push(event));
    cores.push(core);
    return core;
  };
  const core = await open();
  return {
    core,
    fal,
    dir,
    env,
    events,
    eventsFor: (id) => events.filter((e) => e.generation.id === id),
    restart: open,
    async close() {
      for (const c of cores) await c.close(2_000).catch(() => {});
      if (!options.fal) await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
