import { randomUUID } from 'node:crypto';
import { UserError } from '../../../../src/core/errors.js';
import type {
  Clock,
  ImageProcessor,
  ImageProvider,
  JobScheduler,
  ObjectStore,
  ProviderInput,
  ProviderJob,
  ProviderResult,
  ProviderUpdate,
} from '../../../../src/core/ports.js';
import type {
  Generation,
  GenerationRepository,
  PromptCacheEntry,
  PromptCacheRepository,
} from '../../../../src/core/types.js';
import { newGeneration } from '../../../../src/infra/db/generation-mapping.js';

/**
 * In-memory implementations of the core's ports (src/core/ports.ts, the repositories of src/core/types.ts),
 * so the generation service's logic runs in microseconds with no libSQL, HTTP or sharp. Each keeps only
 * what the service reads back; the libSQL repository itself is tested in test/integration/db.
 */

/** A clock the test moves: `now` stands still until `advance`; `sleep` resolves at once (backoff waits). */
export function manualClock(start = Date.UTC(2026, 0, 14, 12, 30)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

const UNFINISHED = new Set(['queued', 'submitted', 'generating', 'storing']);
const FINAL = new Set(['done', 'failed', 'blocked']);

export type MemoryGenerations = GenerationRepository & {
  readonly rows: Map<string, Generation & { finalShownAt?: number }>;
};

/** Generations in a Map, with the libSQL repository's ordering and filters for what the core asks. */
export function memoryGenerations(clock: Clock): MemoryGenerations {
  const rows = new Map<string, Generation & { finalShownAt?: number }>();
  const write = (id: string, patch: Partial<Generation>) => {
    const row = rows.get(id);
    if (!row) throw new UserError('not_found', `Generation ${id} does not exist.`);
    const next = { ...row };
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined && key !== 'id' && key !== 'createdAt')
        (next as Record<string, unknown>)[key] = value;
    next.updatedAt = patch.updatedAt ?? clock.now();
    rows.set(id, next);
    return next;
  };
  const all = () => [...rows.values()];
  const newestFirst = (a: Generation, b: Generation) => b.createdAt - a.createdAt;
  return {
    rows,
    async create(input) {
      const created = newGeneration(input, clock.now(), randomUUID);
      rows.set(created.id, created);
      return { ...created };
    },
    update: async (id, patch) => ({ ...write(id, patch) }),
    patch: async (id, patch) => {
      write(id, patch);
    },
    get: async (id) => {
      const row = rows.get(id);
      return row ? { ...row } : undefined;
    },
    findByMessage: async (platform, messageId) =>
      all()
        .filter((g) => g.platform === platform && g.messageId === messageId)
        .sort(newestFirst)[0],
    findUnfinished: async () =>
      all()
        .filter((g) => UNFINISHED.has(g.status))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    markFinalShown: async (ids, at) => {
      for (const id of ids) {
        const row = rows.get(id);
        if (row) rows.set(id, { ...row, finalShownAt: at });
      }
    },
    findUnshownFinals: async (since, limit) =>
      all()
        .filter(
          (g) =>
            g.finalShownAt === undefined &&
            g.messageId !== null &&
            FINAL.has(g.status) &&
            g.updatedAt >= since,
        )
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, limit),
    findReusable: async (promptHash, model, seed) =>
      all().find(
        (g) =>
          g.promptHash === promptHash &&
          g.model === model &&
          g.seed === seed &&
          g.status === 'done' &&
          g.imageUrl !== null,
      ),
    history: async (query) => {
      const status = query.status ?? 'done';
      const items = all()
        .filter((g) => g.status === status && (query.userId === undefined || g.userId === query.userId))
        .sort(newestFirst);
      return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
    },
    examples: async (catalogId) =>
      all().filter((g) => g.catalogId === catalogId && g.isExample && g.status === 'done'),
    recentDurations: async (limit) =>
      all()
        .filter((g) => g.status === 'done' && g.submittedAt !== null && g.finishedAt !== null)
        .sort(newestFirst)
        .slice(0, limit)
        .map((g) => (g.finishedAt ?? 0) - (g.submittedAt ?? 0)),
  };
}

export function memoryPrompts(
  clock: Clock,
): PromptCacheRepository & { entries: Map<string, PromptCacheEntry> } {
  const entries = new Map<string, PromptCacheEntry>();
  return {
    entries,
    get: async (hash) => entries.get(hash),
    put: async (entry) => {
      const found = entries.get(entry.hash);
      entries.set(
        entry.hash,
        found ? { ...found, hits: found.hits + 1 } : { ...entry, createdAt: clock.now(), hits: 0 },
      );
    },
  };
}

export function memoryStore(): ObjectStore & { objects: Map<string, { body: Buffer; contentType: string }> } {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const publicUrl = (key: string) => `http://media.test/${key}`;
  return {
    driver: 'local',
    objects,
    put: async (key, body, meta) => {
      objects.set(key, { body, contentType: meta.contentType });
      return { key, url: publicUrl(key), size: body.length, contentType: meta.contentType };
    },
    get: async (key) => objects.get(key) ?? null,
    delete: async (key) => {
      objects.delete(key);
    },
    publicUrl,
    check: async () => {},
  };
}

/**
 * "Images" are their format and size as text (`png 1024x768`): enough for acceptImage's decisions without
 * decoding anything. Anything else does not decode.
 */
export const fakeImage = (format: string, width = 1024, height = 1024) =>
  Buffer.from(`${format} ${width}x${height}`);

export const fakeImages: ImageProcessor = {
  probe: async (body) => {
    const match = /^(\w+) (\d+)x(\d+)$/.exec(body.toString());
    if (!match) throw new Error('not an image');
    return { format: match[1]!, width: Number(match[2]), height: Number(match[3]) };
  },
  toPng: async (body) => fakeImage('png', ...dimensionsOf(body)),
  thumbnail: async () => ({ body: fakeImage('webp', 256, 256), contentType: 'image/webp' }),
};
const dimensionsOf = (body: Buffer): [number, number] => {
  const [, w, h] = /(\d+)x(\d+)$/.exec(body.toString()) ?? [];
  return [Number(w), Number(h)];
};

/** How the scripted provider answers one submitted job. */
export interface ScriptedOutcome {
  /** Updates sent while waiting. */
  updates?: ProviderUpdate[];
  /** One flag per image (default: one safe image). */
  nsfw?: boolean[];
  /** Thrown by submit (e.g. a 422 as ProviderError('user')). */
  submitError?: Error;
  /** Thrown by wait. */
  waitError?: Error;
  /** wait resolves only when this promise does (to hold a job in flight). */
  hold?: Promise<void>;
  /** The downloaded bytes (default: a PNG at the requested size). */
  body?: Buffer;
}

export interface ScriptedProvider extends ImageProvider {
  readonly submits: ProviderInput[];
  readonly waits: string[];
  /** The outcome of the next submits, in order; later ones get the default. */
  script(...outcomes: ScriptedOutcome[]): void;
}

/** A provider that answers as told: no HTTP, no timers (only `hold` keeps a job waiting). */
export function scriptedProvider(models: readonly string[] = ['fal-ai/flux/schnell']): ScriptedProvider {
  const queue: ScriptedOutcome[] = [];
  const jobs = new Map<string, { input: ProviderInput; outcome: ScriptedOutcome }>();
  const submits: ProviderInput[] = [];
  const waits: string[] = [];
  return {
    models,
    submits,
    waits,
    script: (...outcomes) => {
      queue.push(...outcomes);
    },
    async submit(input) {
      submits.push(input);
      const outcome = queue.shift() ?? {};
      if (outcome.submitError) throw outcome.submitError;
      const requestId = `req-${submits.length}`;
      jobs.set(requestId, { input, outcome });
      return { requestId, model: input.model ?? models[0]! };
    },
    async wait(job: ProviderJob, onUpdate, signal): Promise<ProviderResult> {
      waits.push(job.requestId);
      const entry: { input?: ProviderInput; outcome: ScriptedOutcome } = jobs.get(job.requestId) ?? {
        outcome: {},
      };
      for (const update of entry.outcome.updates ?? []) onUpdate(update);
      if (entry.outcome.hold)
        await Promise.race([
          entry.outcome.hold,
          new Promise((_, reject) =>
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
          ),
        ]);
      if (entry.outcome.waitError) throw entry.outcome.waitError;
      const nsfw = entry.outcome.nsfw ?? [false];
      const width = entry.input?.width ?? 1024;
      const height = entry.input?.height ?? 1024;
      return {
        requestId: job.requestId,
        model: job.model,
        seed: entry.input?.seed,
        images: nsfw.map((_, i) => ({
          url: `http://provider.test/${job.requestId}/${i}`,
          width,
          height,
          contentType: 'image/png',
        })),
        nsfw,
      };
    },
    async download(url) {
      const requestId = url.split('/')[3] ?? '';
      const entry = jobs.get(requestId);
      const size = entry?.input ?? { width: 1024, height: 1024 };
      return {
        body: entry?.outcome.body ?? fakeImage('png', size.width, size.height),
        contentType: 'image/png',
      };
    },
    health: () => ({ circuit: {} }),
  };
}

/** FIFO slots in this process, as the local scheduler keeps them (positions among the waiting, 1-based). */
export function memoryScheduler(concurrency = 1): JobScheduler {
  const waiting: Array<{ id: string; go: () => void; drop: (error: Error) => void }> = [];
  const listeners = new Set<() => void>();
  let running = 0;
  let stopped = false;
  const stoppedError = () =>
    Object.assign(new Error('the scheduler stopped'), { name: 'SchedulerStoppedError' });
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const next = () => {
    while (running < concurrency && waiting.length > 0) {
      running++;
      waiting.shift()!.go();
    }
  };
  return {
    async schedule(job, fn) {
      if (stopped) throw stoppedError();
      if (running >= concurrency)
        await new Promise<void>((go, drop) => {
          waiting.push({ id: job.id, go, drop });
        });
      else running++;
      changed();
      try {
        return await fn();
      } finally {
        running--;
        next();
        changed();
      }
    },
    position: (id) => {
      const index = waiting.findIndex((w) => w.id === id);
      return index === -1 ? undefined : index + 1;
    },
    positions: () => new Map(waiting.map((w, i) => [w.id, i + 1])),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    counts: () => ({ waiting: waiting.length, running }),
    check: async () => {},
    stop: async () => {
      stopped = true;
      for (const w of waiting.splice(0)) w.drop(stoppedError());
    },
  };
}
