import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../src/core/logger.js';
import { parseApiRequest, SlackApiError, str, summariseArgs } from './api-args.js';
import { sendJson } from './http-io.js';
import type { ForcedOutcome, SlackKnobs } from './knobs.js';
import type { MethodContext, MethodSpec } from './methods/index.js';
import type { RateLimiter } from './rate-limits.js';
import { missingScope } from './scopes.js';
import type { CallRecord, Json } from './types.js';

export interface WebApiDeps {
  methods: ReadonlyMap<string, MethodSpec>;
  ctx: MethodContext;
  tokens: { bot: string; app: string };
  knobs(): SlackKnobs;
  /** Takes one forced outcome (rateLimitNext / failNext) for this method, counting it down. */
  takeForced(method: string): ForcedOutcome | undefined;
  limiter: RateLimiter;
  /** The scopes each token carries. */
  scopes: { bot: readonly string[]; app: readonly string[] };
  /** The error for a call whose image blocks Slack could not show (see image-check.ts), or undefined. */
  imageError(method: string, args: Json): Promise<{ error: string; extra: Json } | undefined>;
  record(call: Omit<CallRecord, 'seq'>): void;
  log?: Logger | undefined;
}

interface Answer {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

/** Serves POST/GET /api/<method> with Slack's envelope: HTTP 200 + { ok }, or 429 + Retry-After. */
export async function handleWebApi(
  deps: WebApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
) {
  const startedAt = deps.ctx.clock.now();
  let args: Json = {};
  let answer: Answer;
  try {
    const parsed = await parseApiRequest(req, url);
    args = parsed.args;
    const knobs = deps.knobs();
    const latency = knobs.latencyMs + (knobs.methodLatencyMs[method] ?? 0);
    if (latency > 0) await sleep(latency);
    answer = await answerCall(deps, method, parsed.token, args);
  } catch (error) {
    answer = {
      status: 200,
      body: { ok: false, error: error instanceof SyntaxError ? 'invalid_json' : 'invalid_form_data' },
    };
  }
  const ok = answer.body.ok === true;
  deps.record({
    method,
    args: summariseArgs(args),
    ok,
    ...(ok ? {} : { error: String(answer.body.error) }),
    status: answer.status,
    at: startedAt,
    durationMs: deps.ctx.clock.now() - startedAt,
    response: answer.body,
  });
  sendJson(res, answer.status, answer.body, answer.headers);
}

async function answerCall(
  deps: WebApiDeps,
  method: string,
  token: string | undefined,
  args: Json,
): Promise<Answer> {
  const fail = (error: string, extra: Json = {}): Answer => ({
    status: 200,
    body: { ok: false, error, ...extra },
  });
  const spec = deps.methods.get(method);
  if (!spec) return fail('unknown_method', { req_method: method });
  if (!token) return fail('not_authed');
  const kind = token === deps.tokens.bot ? 'bot' : token === deps.tokens.app ? 'app' : undefined;
  if (!kind) return fail('invalid_auth');
  if (kind !== spec.token) return fail('not_allowed_token_type');
  const provided = deps.scopes[kind].join(',');
  const headers = { 'x-oauth-scopes': provided };
  // A method the token's scopes do not cover answers missing_scope, naming what is needed and what the
  // token has (the `needed` and `provided` fields of every @slack/web-api response type).
  const needed = missingScope(method, str(args, 'channel'), deps.scopes[kind], deps.ctx.directory);
  if (needed) return { ...fail('missing_scope', { needed, provided }), headers };

  const forced = deps.takeForced(method);
  if (forced?.kind === 'error') return fail(forced.error);
  const limited = forced ?? deps.limiter.check(deps.knobs(), method, str(args, 'channel'));
  const retryAfter = 'retryAfterSeconds' in limited ? limited.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { ...headers, 'retry-after': String(retryAfter) },
    };
  }
  try {
    const refused = await deps.imageError(method, args);
    if (refused) return { ...fail(refused.error, refused.extra), headers };
    const result = await spec.handler(args, deps.ctx);
    const { response_metadata, ...rest } = result;
    return {
      status: 200,
      body: { ok: true, ...rest, response_metadata: response_metadata ?? {} },
      headers,
    };
  } catch (error) {
    if (error instanceof SlackApiError) return { ...fail(error.error, error.extra), headers };
    deps.log?.error({ err: error, method }, 'slack emulator: method failed');
    return fail('internal_error');
  }
}
