import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Generation, NewGeneration } from '../../../src/core/types.js';
import { type Database, openDatabase } from '../../../src/infra/db/database.js';
import { createLogger } from '../../../src/infra/logger.js';

export const silentLog = createLogger('silent');

export type DbKind = 'memory' | 'file';

/** A migrated database: `:memory:` or a file in a fresh temp folder. Call `dispose` in afterEach. */
export async function openTestDatabase(
  kind: DbKind,
): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (kind === 'memory') {
    const database = await openDatabase({ url: ':memory:', log: silentLog });
    return { database, dispose: async () => database.close() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'atelier-db-'));
  const database = await openDatabase({ url: `file:${join(dir, 'nested', 'atelier.db')}`, log: silentLog });
  return {
    database,
    dispose: async () => {
      database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function newGenerationInput(overrides: Partial<NewGeneration> = {}): NewGeneration {
  return {
    platform: 'discord',
    workspaceId: '1187263544419881010',
    channelId: '1187263544419881013',
    userId: '402938475610293847',
    catalogId: 'acme',
    options: { style: 'noir', pose: 'standing', outfit: 'suit', setting: 'studio' },
    extra: '',
    aspect: 'square',
    promptHash: 'a'.repeat(64),
    seed: 42,
    model: 'fal-ai/flux/schnell',
    ...overrides,
  };
}

/** A finished record as the generation service leaves it, with realistic sizes for every field. */
export function doneFields(id: string, at: number): Partial<Generation> {
  return {
    status: 'done',
    statusDetail: null,
    attempts: 1,
    requestId: '764cabcf-b745-4b3e-ae38-1200304cf45b',
    imageKey: `images/2025/11/${id}.png`,
    imageUrl: `https://media.atelier.example.com/images/2025/11/${id}.png`,
    thumbKey: `thumbs/2025/11/${id}.webp`,
    thumbUrl: `https://media.atelier.example.com/thumbs/2025/11/${id}.webp`,
    width: 1024,
    height: 1024,
    bytes: 1_482_113,
    submittedAt: at + 40,
    startedAt: at + 900,
    finishedAt: at + 2900,
    costMicros: 3146,
  };
}
