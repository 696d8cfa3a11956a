import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../src/core/logger.js';
import {
  apiErrors,
  DiscordApiError,
  type ParsedBody,
  parseBody,
  readRawBody,
  sendEmpty,
  sendJson,
} from './http-io.js';
import type { EmulatorHub } from './hub.js';
import type { RateLimiter } from './rate-limits.js';
import type { CallRecorder } from './recorder.js';
import { checkBotPermissions } from './route-permissions.js';
import { majorParameter, matchRoute, pathSegments, type RouteDef, routeKey } from './router.js';
import type { FileSummary } from './types.js';

export interface RestPipeline {
  routes: readonly RouteDef[];
  botToken: string;
  limiter: RateLimiter;
  recorder: CallRecorder;
  hub: EmulatorHub;
  log?: Logger | undefined;
}

const CALLBACK = '/interactions/:interactionId/:token/callback';

/**
 * One REST request below /api/v10: route, authenticate, add latency, apply rate limits and forced
 * faults, run the handler, answer as Discord does, and record the call.
 */
export async function handleRest(
  p: RestPipeline,
  req: IncomingMessage,
  res: ServerResponse,
  apiPath: string,
  query: URLSearchParams,
): Promise<void> {
  const at = p.hub.now();
  const seq = p.recorder.nextSeq();
  const method = (req.method ?? 'GET').toUpperCase();
  const segments = pathSegments(apiPath);
  let route = '';
  let parsed: ParsedBody = { json: undefined, files: [] };
  let status = 500;
  let errorCode: number | undefined;
  let headers: Record<string, string> = {};
  let response: unknown;
  try {
    const raw = await readRawBody(req);
    const match = segments && matchRoute(p.routes, method, segments);
    if (!match) throw apiErrors.notFound();
    route = routeKey(match.route);
    if (match.route.auth === 'bot' && req.headers.authorization !== `Bot ${p.botToken}`)
      throw apiErrors.unauthorized();
    parsed = await parseBody(raw, req.headers['content-type']);
    const { latencyMs } = p.hub.knobs();
    if (latencyMs > 0) await sleep(latencyMs);
    const gate = p.limiter.check(
      {
        method,
        template: match.route.template,
        major: majorParameter(match.params),
        bucketed: match.route.template !== CALLBACK,
        global: match.route.auth === 'bot',
      },
      p.hub.now(),
    );
    headers = gate.headers;
    if (gate.kind === 'reject') {
      status = gate.status;
      errorCode = typeof gate.body.code === 'number' ? gate.body.code : undefined;
      response = gate.body;
      return sendJson(res, status, gate.body, headers);
    }
    const request = { params: match.params, query, body: parsed.json, files: parsed.files };
    if (match.route.auth === 'bot') checkBotPermissions(p.hub.state, route, request);
    const reply = match.route.handle(request);
    status = reply.status;
    if (reply.body === undefined) return sendEmpty(res, status, headers);
    response = reply.body;
    return sendJson(res, status, reply.body, headers);
  } catch (error) {
    const known = error instanceof DiscordApiError ? error : undefined;
    if (!known) p.log?.error({ err: error, method, path: apiPath }, 'discord emulator: route failed');
    status = known?.status ?? 500;
    errorCode = known?.code ?? 0;
    response = known?.toJSON() ?? { message: '500: Internal Server Error', code: 0 };
    return sendJson(res, status, response, headers);
  } finally {
    const files: FileSummary[] = parsed.files.map((f) => ({
      field: f.field,
      filename: f.filename,
      contentType: f.contentType,
      size: f.bytes.length,
    }));
    const call = {
      seq,
      method,
      route,
      path: segments ? `/${segments.join('/')}` : apiPath,
      query: Object.fromEntries(query),
      status,
      at,
      durationMs: p.hub.now() - at,
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(parsed.json !== undefined ? { body: parsed.json } : {}),
      ...(files.length > 0 ? { files } : {}),
      ...(response !== undefined ? { response } : {}),
    };
    p.recorder.add(call);
    p.hub.emit('call', call);
  }
}
