import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatsRecorder } from './emulator-stats.js';
import { schemaFor } from './endpoint-schemas.js';
import { readJson, sendJson } from './http-io.js';
import { type FalKnobs, knobsFor } from './knobs.js';
import { readPrompt } from './prompt-window.js';
import { statusBody, submitBody } from './queue-bodies.js';
import type { FalQueue, SimJob } from './queue-sim.js';
import type { RequestLog } from './request-log.js';
import { loadSources, type SourceAccess } from './source-images.js';
import { CONTENT_POLICY_ERROR, validateImageInput } from './validate-input.js';

export interface QueueRouteContext {
  queue: FalQueue;
  stats: StatsRecorder;
  knobs: () => FalKnobs;
  /** Uses up one of the `failNextSubmits` burst; true when this submit must fail. */
  takeForcedFailure: () => boolean;
  random: () => number;
  baseUrl: () => string;
  /** When set, only these keys are accepted. */
  keys: readonly string[] | undefined;
  requests: RequestLog;
  /** T5-tokenize FLUX prompts to record what the model reads (off: the whole prompt counts as read). */
  readPrompts: boolean;
  /** Where input images (image_url) may be downloaded from. */
  sources: SourceAccess;
}

const NAMESPACES = new Set(['workflows', 'comfy']);
const REQUEST_ID_HEADER = 'x-fal-request-id';

export function authorized(ctx: Pick<QueueRouteContext, 'keys'>, req: IncomingMessage): boolean {
  const match = /^Key\s+(\S+)$/.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return false;
  return ctx.keys === undefined || ctx.keys.includes(match[1]);
}

/** Everything under /{owner}/{alias}/...: submit, status (+ SSE stream), result, cancel. */
export async function handleQueueRoute(
  ctx: QueueRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (ctx.knobs().down) return sendJson(res, 503, { detail: 'Service Unavailable' });
  if (!authorized(ctx, req)) {
    ctx.stats.count('unauthorized');
    return sendJson(res, 401, { detail: 'Authentication is required to access this application.' });
  }
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const appLength = NAMESPACES.has(segments[0] ?? '') ? 3 : 2;
  if (segments.length < appLength) return sendJson(res, 404, { detail: 'Application not found' });
  const app = segments.slice(0, appLength).join('/');
  const rest = segments.slice(appLength);
  const method = req.method ?? 'GET';

  if (rest[0] === 'requests' && rest[1] !== undefined) {
    const job = ctx.queue.get(rest[1]);
    if (!job || job.app !== app) return sendJson(res, 404, { detail: 'Request not found' });
    if (knobsFor(ctx.knobs(), job.model).down) return sendJson(res, 503, { detail: 'Service Unavailable' });
    const action = rest.slice(2).join('/');
    if (method === 'GET' && action === '') return sendResult(ctx, res, job);
    if (method === 'GET' && action === 'status') {
      ctx.stats.count('statusRequests');
      const body = statusBody(ctx.baseUrl(), ctx.queue, job, url.searchParams.get('logs') === '1');
      return sendJson(res, job.state === 'COMPLETED' ? 200 : 202, body, { [REQUEST_ID_HEADER]: job.id });
    }
    if (method === 'GET' && action === 'status/stream') return streamStatus(ctx, req, res, job, url);
    if (method === 'PUT' && action === 'cancel') {
      ctx.stats.count('cancelRequests');
      const outcome = ctx.queue.cancel(job);
      if (outcome === 'already_completed') return sendJson(res, 400, { status: 'ALREADY_COMPLETED' });
      return sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' });
    }
    return sendJson(res, 405, { detail: 'Method Not Allowed' });
  }
  if (method === 'POST') return submit(ctx, req, res, app, segments.join('/'));
  return sendJson(res, 405, { detail: 'Method Not Allowed' });
}

async function submit(
  ctx: QueueRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  app: string,
  model: string,
): Promise<void> {
  const k = knobsFor(ctx.knobs(), model);
  if (k.down) return sendJson(res, 503, { detail: 'Service Unavailable' });
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    ctx.stats.submit(model, undefined);
    return sendJson(res, 422, {
      detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }],
    });
  }
  ctx.stats.submit(model, (body as { prompt?: unknown } | undefined)?.prompt);
  if (ctx.takeForcedFailure() || ctx.random() < k.failureRate) {
    return sendJson(res, k.failureStatus, { detail: 'Service temporarily unavailable' });
  }
  if (ctx.random() < k.rateLimit429Rate) {
    return sendJson(res, 429, { detail: 'Too many requests' }, { 'retry-after': '1' });
  }
  const { name, schema } = schemaFor(model);
  const checked = validateImageInput(body, schema);
  const record = {
    requestId: undefined as string | undefined,
    model,
    schema: name,
    body: (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>,
    ignored: checked.ignored,
  };
  if ('errors' in checked) {
    ctx.requests.add({ ...record, status: 422, errors: checked.errors, prompt: undefined });
    return sendJson(res, 422, { detail: checked.errors });
  }
  if (k.reject422 || checked.input.prompt.includes('__422__')) {
    ctx.requests.add({ ...record, status: 422, errors: [CONTENT_POLICY_ERROR], prompt: undefined });
    return sendJson(res, 422, { detail: [CONTENT_POLICY_ERROR] });
  }
  const loaded = await loadSources(checked.input.imageUrls, ctx.sources);
  if ('errors' in loaded) {
    ctx.requests.add({ ...record, status: 422, errors: loaded.errors, prompt: undefined });
    return sendJson(res, 422, { detail: loaded.errors });
  }
  const input = { ...checked.input };
  const [first] = loaded.sources;
  if (input.sizeFromSource && first) {
    input.width = first.width;
    input.height = first.height;
  }
  const prompt = readPrompt(input.prompt, ctx.readPrompts ? schema.t5Window : undefined);
  const job = ctx.queue.submit(model, app, input, { output: schema.output, prompt, sources: loaded.sources });
  ctx.requests.add({ ...record, requestId: job.id, status: 200, errors: [], prompt });
  ctx.stats.accepted(model);
  sendJson(res, 200, submitBody(ctx.baseUrl(), ctx.queue, job), { [REQUEST_ID_HEADER]: job.id });
}

/** What GET .../requests/{id} answers, fal-style: 400 until done, then the output. */
function resultAnswer(job: SimJob): [number, unknown] {
  if (job.state !== 'COMPLETED') return [400, { detail: 'Request is still in progress' }];
  if (job.cancelled) return [400, { detail: 'Request was cancelled' }];
  if (job.resultFailuresLeft > 0) {
    job.resultFailuresLeft--;
    return [500, { detail: 'Internal Server Error' }];
  }
  if (job.failed || !job.output) return [500, { detail: 'Internal error during inference' }];
  return [200, job.output];
}

function sendResult(ctx: QueueRouteContext, res: ServerResponse, job: SimJob): void {
  ctx.stats.count('resultRequests');
  const [status, body] = resultAnswer(job);
  sendJson(res, status, body, { [REQUEST_ID_HEADER]: job.id });
}

/** Server-sent events, one `data:` line per status change, closed after COMPLETED. */
function streamStatus(
  ctx: QueueRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  job: SimJob,
  url: URL,
): void {
  ctx.stats.count('statusRequests');
  const withLogs = url.searchParams.get('logs') === '1';
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    [REQUEST_ID_HEADER]: job.id,
  });
  let unsubscribe = () => {};
  const send = (current: SimJob | undefined): void => {
    if (!current) {
      res.end();
      return;
    }
    res.write(`data: ${JSON.stringify(statusBody(ctx.baseUrl(), ctx.queue, current, withLogs))}\n\n`);
    if (current.state === 'COMPLETED') {
      unsubscribe();
      res.end();
    }
  };
  send(job);
  if (job.state === 'COMPLETED') return;
  unsubscribe = ctx.queue.subscribe(job.id, send);
  req.on('close', () => unsubscribe());
}
