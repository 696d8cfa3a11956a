import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type CatalogRegistry, loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { systemClock } from '../../../../src/core/clock.js';
import {
  createGenerationService,
  type GenerationService,
} from '../../../../src/core/generation/generation-service.js';
import type { ImageProvider } from '../../../../src/core/ports.js';
import { type Database, openDatabase } from '../../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../../src/infra/db/generation-repository.js';
import { createPromptCacheRepository } from '../../../../src/infra/db/prompt-cache-repository.js';
import { createScheduler } from '../../../../src/infra/limiter/create-scheduler.js';
import { createLocalStore } from '../../../../src/infra/storage/local-store.js';
import { createSharpProcessor } from '../../../../src/infra/storage/sharp-processor.js';

/**
 * A provider that accepts nothing: submit waits until shutdown. Valid requests are recorded and queued;
 * none reaches an image service, so a property run stays fast and offline.
 */
export function createIdleProvider(): ImageProvider & { submits: number } {
  const provider = {
    models: ['test/idle-model'] as const,
    submits: 0,
    submit(_input: unknown, signal?: AbortSignal) {
      provider.submits++;
      return new Promise<never>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
    wait: () => new Promise<never>(() => {}),
    download: () => Promise.reject(new Error('no downloads here')),
    health: () => ({ circuit: {} }),
  };
  return provider;
}

export interface InMemoryCore {
  catalogs: CatalogRegistry;
  database: Database;
  service: GenerationService;
  /** Rows of every table a request writes to. */
  counts(): Promise<{ generations: number; options: number; prompts: number }>;
  close(): Promise<void>;
}

/** The real generation service over in-memory libSQL with the real migrations and catalogs. */
export async function startInMemoryCore(): Promise<InMemoryCore> {
  const log = pino({ level: 'silent' });
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bad-input-'));
  const catalogs = await loadCatalogs();
  const database = await openDatabase({ url: ':memory:', log });
  const scheduler = createScheduler({ concurrency: 1, log });
  const service = createGenerationService({
    catalogs,
    generations: createGenerationRepository(database.db, systemClock),
    prompts: createPromptCacheRepository(database.db, systemClock),
    provider: createIdleProvider(),
    store: createLocalStore({ dir, publicBaseUrl: 'http://127.0.0.1:1' }),
    images: createSharpProcessor(),
    scheduler,
    clock: systemClock,
    log,
    concurrency: 1,
  });
  const count = async (table: string) =>
    Number((await database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  return {
    catalogs,
    database,
    service,
    counts: async () => ({
      generations: await count('generations'),
      options: await count('generation_options'),
      prompts: await count('prompt_cache'),
    }),
    async close() {
      await service.stop(0);
      database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
