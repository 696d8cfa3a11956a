import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { type Bot, startBot } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import type { ErrorClass } from '../../../src/core/errors.js';
import type { Generation, GenerationStatus, Platform } from '../../../src/core/types.js';
import { insertGenerations } from '../../../src/infra/db/bulk-insert.js';
import { newGeneration } from '../../../src/infra/db/generation-mapping.js';
import { testBotEnv } from '../../helpers/bot-env.js';
import { clockClearOfBoundaries } from '../../helpers/clock-windows.js';

export const TOKEN = 'dashboard-token-0123456789abcdef';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const SCHNELL = 'fal-ai/flux/schnell';
export const DEV = 'fal-ai/flux/dev';

export interface Seed {
  platform: Platform;
  workspaceId: string;
  userId: string;
  model: string;
  status: GenerationStatus;
  errorClass?: ErrorClass;
  /** How long before the fixture's start the job was requested. */
  ago: number;
  /** Request → final state, and provider submit → result, in ms. */
  totalMs: number;
  providerMs: number;
  costMicros: number;
}

let serial = 0;
export function seedRecord(seed: Seed, now: number): Generation {
  const createdAt = now - seed.ago;
  const base = newGeneration(
    {
      platform: seed.platform,
      workspaceId: seed.workspaceId,
      channelId: 'c1',
      userId: seed.userId,
      catalogId: 'capitao-caverna',
      options: { style: 'comic-book' },
      extra: '',
      aspect: 'square',
      promptHash: 'h'.repeat(64),
      seed: 7,
      model: seed.model,
      createdAt,
    },
    createdAt,
    () => `seed-${String(++serial).padStart(4, '0')}`,
  );
  const finished = seed.status !== 'queued';
  return {
    ...base,
    status: seed.status,
    errorClass: seed.errorClass ?? null,
    submittedAt: createdAt + (seed.totalMs - seed.providerMs),
    finishedAt: finished ? createdAt + seed.totalMs : null,
    costMicros: seed.costMicros,
  };
}

/**
 * The real bot (startBot) with no chat platform, the fal emulator and a temp libSQL file, on loopback. Its
 * clock starts clear of hour and day boundaries (the 7-day view counts today's records in one bucket);
 * `now` is that clock when the fixture started.
 */
export async function startAdminFixture(options: { env?: Record<string, string> } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-admin-'));
  const fal: FalEmulator = await startFalEmulator({ knobs: { latencyMs: 30, latencySpreadMs: 0 } });
  const config = parseConfig({
    ...testBotEnv(dir, fal.url),
    DASHBOARD_TOKEN: TOKEN,
    ...options.env,
  });
  const clock = clockClearOfBoundaries();
  const bot: Bot = await startBot(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { clock });
  const base = `http://127.0.0.1:${bot.port}`;
  return {
    bot,
    base,
    clock,
    now: clock.now(),
    seed: (records: Generation[]) => insertGenerations(bot.core.database.db, records),
    get: async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, { headers, redirect: 'manual' });
      return { status: res.status, headers: res.headers, body: await res.text() };
    },
    /** The ops listener (/metrics, /readyz). */
    opsGet: async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${bot.opsPort}${path}`);
      return { status: res.status, headers: res.headers, body: await res.text() };
    },
    async close() {
      await bot.close(2_000);
      await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type AdminFixture = Awaited<ReturnType<typeof startAdminFixture>>;
