import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { type Core, createCore } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import { systemClock } from '../../../src/core/clock.js';
import type { Clock } from '../../../src/core/ports.js';

/** 13:25 UTC: far from an hour or day boundary, so windows never roll over during a test. */
export const BASE = Date.UTC(2026, 2, 14, 13, 25);

export interface PolicyFixture {
  core: Core;
  fal: FalEmulator;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The real composition (createCore) on a temp database, with a clock pinned near BASE that still advances. */
export async function startPolicyFixture(env: Record<string, string> = {}): Promise<PolicyFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-policy-'));
  const fal = await startFalEmulator({ knobs: { latencyMs: 30, latencySpreadMs: 0 } });
  const start = Date.now();
  const clock: Clock = { now: () => BASE + (Date.now() - start), sleep: systemClock.sleep };
  const fullEnv = {
    FAL_KEY: 'test-key',
    FAL_QUEUE_URL: fal.url,
    DATABASE_URL: `file:${join(dir, 'atelier.db')}`,
    STORAGE_DIR: join(dir, 'media'),
    PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
    LOG_LEVEL: 'silent',
    ...env,
  };
  const core = await createCore(parseConfig(fullEnv), pino({ level: 'silent' }), {
    clock,
    limiterId: `policy-${Date.now()}-${Math.random()}`,
  });
  return {
    core,
    fal,
    env: fullEnv,
    async close() {
      await core.close(2_000).catch(() => {});
      await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { rejection } from '../../helpers/user-error.js';

/** Rows in the generations table. */
export const jobCount = async (fx: PolicyFixture): Promise<number> =>
  Number((await fx.core.database.client.execute('SELECT count(*) AS n FROM generations')).rows[0]?.n);
