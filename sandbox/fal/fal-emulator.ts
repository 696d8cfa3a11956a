import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../../src/core/logger.js';
import { safeListener } from '../../src/web/safe-listener.js';
import { refuseForeignControl } from '../control-guard.js';
import { listenForUrl } from '../listen.js';
import { type ActionRenderFn, renderActionPlaceholder } from '../placeholder/render-action.js';
import { renderPlaceholderImage } from '../placeholder/render-placeholder.js';
import { type FalEmulatorStats, StatsRecorder } from './emulator-stats.js';
import { readJson, sendJson } from './http-io.js';
import { DEFAULT_KNOBS, type FalKnobs, type KnobsUpdate, knobsUpdateSchema, mergeKnobs } from './knobs.js';
import { MediaStore } from './media-store.js';
import { authorized, handleQueueRoute, type QueueRouteContext } from './queue-routes.js';
import { FalQueue, type RenderFn } from './queue-sim.js';
import { RequestLog, type SubmitRecord } from './request-log.js';
import { StorageEmulator } from './storage-routes.js';

export type { FalEmulatorStats } from './emulator-stats.js';
export type { FalKnobs, KnobsUpdate } from './knobs.js';
export type { SubmitRecord } from './request-log.js';

export interface FalEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  knobs?: KnobsUpdate;
  /** Accepted keys; by default any `Authorization: Key <something>` is accepted. */
  keys?: readonly string[];
  /** Random source for failure rates, spreads and seeds (inject for deterministic runs). */
  random?: () => number;
  render?: RenderFn;
  /** Renders results made from an input image (image-to-image, variations, edits, upscales). */
  renderAction?: ActionRenderFn;
  /**
   * Origins (besides its own) endpoints may download input images from, e.g. the bot's public media URL.
   * Everything else is unreachable, as a private address is for fal: the submit is refused with 422.
   */
  imageOrigins?: readonly string[];
  /** Rendered images kept in memory (oldest dropped first). */
  maxMedia?: number;
  /** Base URL written into status, result and media URLs when clients reach the emulator another way. */
  publicUrl?: string;
  /**
   * T5-tokenize each FLUX prompt to record what the model reads and render it (default true). Benchmarks turn
   * it off: the tokenizer's first load blocks the emulator for about 0.4 s.
   */
  readPrompts?: boolean;
  log?: Logger;
}

export interface FalEmulator {
  /** Base URL, e.g. http://127.0.0.1:41234 — use it as FAL_QUEUE_URL. */
  readonly url: string;
  knobs(): FalKnobs;
  /** Merges the given knobs (validated); `perModel` is replaced as a whole. */
  setKnobs(update: KnobsUpdate): FalKnobs;
  stats(): FalEmulatorStats;
  /** The last submits (up to 500): bodies, ignored fields, refusals, and what each model read of its prompt. */
  requests(): SubmitRecord[];
  /** Lets endpoints download input images from this origin too (the bot's media URL, known once it runs). */
  allowImageOrigin(origin: string): void;
  /** Forgets jobs, media, uploads and counters and restores the knobs given at start. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A protocol-level stand-in for fal's queue API (queue.fal.run) as @fal-ai/client 1.10 speaks it,
 * plus `/media/<id>.png` for result images, fal storage uploads (storage-routes.ts: /storage/upload/initiate,
 * /_storage/upload/{token}, /files/{id}/{name}) and `/_emulator/{knobs,stats,requests,reset}` for control.
 * Each endpoint is checked against its own input schema (endpoint-schemas.ts) and answers in its own shape.
 */
export async function startFalEmulator(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
  const initialKnobs = mergeKnobs(DEFAULT_KNOBS, knobsUpdateSchema.parse(options.knobs ?? {}));
  let knobs = initialKnobs;
  let baseUrl = '';
  const random = options.random ?? Math.random;
  const stats = new StatsRecorder();
  const media = new MediaStore(options.maxMedia ?? 200);
  const requests = new RequestLog(500);
  const storage = new StorageEmulator(options.maxMedia ?? 200);
  const imageOrigins = new Set((options.imageOrigins ?? []).map((o) => new URL(o).origin));
  let listenUrl = '';
  const log = options.log;
  const queue = new FalQueue({
    knobs: () => knobs,
    random,
    render: options.render ?? renderPlaceholderImage,
    renderAction: options.renderAction ?? renderActionPlaceholder,
    media,
    stats,
    mediaUrl: (id) => `${baseUrl}/media/${id}.png`,
    onRenderError: (error) => log?.error({ err: error }, 'fal emulator: placeholder render failed'),
  });

  const setKnobs = (update: KnobsUpdate): FalKnobs => {
    knobs = mergeKnobs(knobs, knobsUpdateSchema.parse(update));
    queue.pumpAll();
    return knobs;
  };
  const snapshot = () => stats.snapshot(queue.counts());
  const reset = () => {
    queue.reset();
    media.clear();
    storage.clear();
    stats.reset();
    requests.clear();
    knobs = initialKnobs;
  };

  const ctx: QueueRouteContext = {
    queue,
    stats,
    knobs: () => knobs,
    takeForcedFailure: () => {
      if (knobs.failNextSubmits <= 0) return false;
      knobs = { ...knobs, failNextSubmits: knobs.failNextSubmits - 1 };
      return true;
    },
    random,
    baseUrl: () => baseUrl,
    keys: options.keys,
    requests,
    readPrompts: options.readPrompts ?? true,
    sources: { own: (url) => ownFile(url), origins: () => [...imageOrigins] },
  };

  /** What the emulator serves at one of its own URLs (result media, uploads): read in process. */
  function ownFile(url: string): Buffer | null | undefined {
    const base = [baseUrl, listenUrl].find((b) => b && url.startsWith(`${b}/`));
    if (!base) return undefined;
    const path = url.slice(base.length).split('?')[0] ?? '';
    const mediaId = /^\/media\/([\w-]+)\.png$/.exec(path)?.[1];
    if (mediaId) return (knobs.mediaExpired ? undefined : media.get(mediaId)?.body) ?? null;
    return storage.file(path)?.body ?? null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    log?.debug({ method: req.method, path: url.pathname }, 'fal emulator request');
    if (url.pathname.startsWith('/_emulator/')) return handleAdmin(req, res, url.pathname);
    if (knobs.down) return sendJson(res, 503, { detail: 'Service Unavailable' });
    const mediaMatch = /^\/media\/([\w-]+)\.png$/.exec(url.pathname);
    if (mediaMatch && (req.method === 'GET' || req.method === 'HEAD')) {
      stats.count('mediaRequests');
      const item = knobs.mediaExpired ? undefined : media.get(mediaMatch[1] ?? '');
      if (!item) return sendJson(res, 404, { detail: 'Not Found' });
      res.writeHead(200, { 'content-type': item.contentType, 'content-length': item.body.length });
      res.end(req.method === 'HEAD' ? undefined : item.body);
      return;
    }
    if (await storage.handle(req, res, url, baseUrl, (r) => authorized(ctx, r))) return;
    return handleQueueRoute(ctx, req, res, url);
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    // The sandbox page's knobs come here (through its relay): no other site may turn them.
    if (refuseForeignControl(req, res)) return;
    if (path === '/_emulator/stats' && req.method === 'GET') return sendJson(res, 200, snapshot());
    if (path === '/_emulator/requests' && req.method === 'GET') return sendJson(res, 200, requests.list());
    if (path === '/_emulator/knobs' && req.method === 'GET') return sendJson(res, 200, knobs);
    if (path === '/_emulator/knobs' && req.method === 'POST') {
      const parsed = knobsUpdateSchema.safeParse(await readJson(req).catch(() => null));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid knobs', issues: parsed.error.issues });
      return sendJson(res, 200, setKnobs(parsed.data));
    }
    if (path === '/_emulator/reset' && req.method === 'POST') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { detail: 'Not Found' });
  }

  const server = createServer(
    safeListener(handle, {
      onError: (error) => log?.error({ err: error }, 'fal emulator: request failed'),
      internalError: (res) => sendJson(res, 500, { detail: 'Internal Server Error' }),
    }),
  );
  listenUrl = await listenForUrl(server, options.port, options.host);
  baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? listenUrl;

  return {
    url: baseUrl,
    knobs: () => knobs,
    setKnobs,
    stats: snapshot,
    requests: () => requests.list(),
    allowImageOrigin: (origin) => {
      imageOrigins.add(new URL(origin).origin);
    },
    reset,
    close: async () => {
      queue.reset();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
