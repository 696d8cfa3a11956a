import { pino } from 'pino';
import { type CatalogRegistry, loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import {
  createGenerationService,
  type GenerationService,
  type GenerationServiceDeps,
} from '../../../../src/core/generation/generation-service.js';
import type { StatusEvent } from '../../../../src/core/status.js';
import {
  fakeImages,
  type MemoryGenerations,
  manualClock,
  memoryGenerations,
  memoryPrompts,
  memoryScheduler,
  memoryStore,
  type ScriptedProvider,
  scriptedProvider,
} from './in-memory-ports.js';

let catalogs: CatalogRegistry | undefined;

export interface InMemoryService {
  service: GenerationService;
  clock: ReturnType<typeof manualClock>;
  generations: MemoryGenerations;
  prompts: ReturnType<typeof memoryPrompts>;
  provider: ScriptedProvider;
  store: ReturnType<typeof memoryStore>;
  catalogs: CatalogRegistry;
  events: StatusEvent[];
  eventsFor(id: string): StatusEvent[];
  /** A new service on the same records, provider and store, as after a restart. */
  restart(): InMemoryService;
}

/**
 * The real generation service (job runner, run-job, records, backoff) over in-memory ports and a manual
 * clock: the logic the libSQL/HTTP/sharp integration tests cover, without any of them.
 */
export async function startInMemoryService(
  options: { concurrency?: number; deps?: Partial<GenerationServiceDeps> } = {},
): Promise<InMemoryService> {
  catalogs ??= await loadCatalogs();
  const clock = manualClock();
  const shared = {
    catalogs,
    clock,
    generations: memoryGenerations(clock),
    prompts: memoryPrompts(clock),
    provider: scriptedProvider(),
    store: memoryStore(),
  };
  const open = (): InMemoryService => {
    const events: StatusEvent[] = [];
    const concurrency = options.concurrency ?? 2;
    const service = createGenerationService({
      ...shared,
      images: fakeImages,
      scheduler: memoryScheduler(concurrency),
      log: pino({ level: 'silent' }),
      concurrency,
      ...options.deps,
    });
    service.onStatus((event) => events.push(event));
    return {
      ...shared,
      service,
      events,
      eventsFor: (id) => events.filter((e) => e.generation.id === id),
      restart: open,
    };
  };
  return open();
}
