import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../../src/core/logger.js';
import { handleAssetRoute } from './asset-routes.js';
import { deliverToBot } from './bot-delivery.js';
import { handleControlRoute } from './control-routes.js';
import { EmulatorEmitter } from './emitter.js';
import { createEmulatorFacade } from './emulator-facade.js';
import { createEmulatorState } from './emulator-state.js';
import { sendJson } from './http-io.js';
import { closeServer, listen } from './http-server.js';
import type { NowSource } from './ids.js';
import { imageError } from './image-check.js';
import { DEFAULT_KNOBS, type KnobsUpdate, mergeKnobs, type SlackKnobs, takeForcedOutcome } from './knobs.js';
import { createMethodTable } from './methods/index.js';
import { RecordLog } from './records.js';
import { APP_TOKEN_SCOPES, DEFAULT_BOT_SCOPES } from './scopes.js';
import type { SimulatorDeps } from './simulator-deps.js';
import type { SlackEmulator } from './slack-emulator-api.js';
import { SocketModeHub } from './socket-mode.js';
import type { CallRecord, DeliveryAttempt, Transport } from './types.js';
import { handleWebApi, type WebApiDeps } from './web-api.js';
import { defaultWorkspace, type WorkspaceSeed } from './workspace.js';

export interface SlackEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  botToken?: string;
  /** App-level token for apps.connections.open (Socket Mode). */
  appToken?: string;
  signingSecret?: string;
  /** The bot's request URL for HTTP mode, e.g. http://127.0.0.1:3000/slack/events. */
  eventsUrl?: string;
  /** auto (default): Socket Mode when the bot is connected, else HTTP to eventsUrl. */
  transport?: 'auto' | Transport;
  knobs?: KnobsUpdate;
  /** Time source for ts values, trigger expiry, signatures and rate limits (default Date.now). */
  clock?: NowSource;
  workspace?: WorkspaceSeed;
  /** Server pings on Socket Mode links (default 15 s; 0 disables). */
  socketPingIntervalMs?: number;
  /** The bot token's scopes (default: the manifest the bot ships, see scopes.ts); missing ones answer missing_scope. */
  botScopes?: readonly string[];
  /** Calls and delivery attempts kept (oldest dropped first); default 10,000 each. */
  maxRecords?: number;
  log?: Logger;
}

/**
 * Signed HTTP deliveries to the bot share this many keep-alive connections, as they do in production:
 * Slack only calls HTTPS request URLs, so a TLS-terminating proxy or load balancer sits in front of the
 * bot (docs/operating.md) and reaches it over its upstream pool. Unbounded, a burst opened a connection
 * per command, and Node (libuv ≥ 1.45) accepts one new connection per event-loop turn: 1,000 commands
 * at once then measured how fast a busy bot accepts sockets, not how fast it acknowledges commands.
 */
export const DELIVERY_CONNECTIONS = 32;

/** A protocol-level Slack: Web API, signed HTTP delivery, Socket Mode, and a user simulator. */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const log = options.log;
  const secrets = {
    botToken: options.botToken ?? 'xoxb-sandbox-bot-token',
    appToken: options.appToken ?? 'xapp-1-A0ATELIER1-sandbox-app-token',
    signingSecret: options.signingSecret ?? 'sandbox-signing-secret',
  };
  const initialKnobs = mergeKnobs(DEFAULT_KNOBS, options.knobs ?? {});
  const knobs = {
    current: initialKnobs,
    get: (): SlackKnobs => knobs.current,
    set: (update: KnobsUpdate) => {
      knobs.current = mergeKnobs(knobs.current, update);
      return knobs.current;
    },
  };
  const urls = { base: '', events: options.eventsUrl };
  const closing = new AbortController();
  const agent = new Agent({ keepAlive: true, maxSockets: DELIVERY_CONNECTIONS });
  const emitter = new EmulatorEmitter((error) =>
    log?.error({ err: error }, 'slack emulator: listener failed'),
  );
  const calls = new RecordLog<CallRecord>(options.maxRecords ?? 10_000);
  const deliveries = new RecordLog<DeliveryAttempt>(options.maxRecords ?? 10_000);
  let seq = 0;

  const state = createEmulatorState({
    clock,
    workspace: options.workspace ?? defaultWorkspace(),
    emitter,
    knobs: knobs.get,
    baseUrl: () => urls.base,
    issueSocketUrl: () => hub.issueUrl(urls.base.replace(/^http/, 'ws')),
    closing: closing.signal,
  });
  const hub = new SocketModeHub({
    appId: state.directory.bot.appId,
    ids: state.ids,
    emitter,
    log,
    pingIntervalMs: options.socketPingIntervalMs ?? 15_000,
  });

  const deliveryDeps = {
    clock,
    signingSecret: secrets.signingSecret,
    knobs: knobs.get,
    eventsUrl: () => urls.events,
    transport: () => options.transport ?? 'auto',
    socket: hub,
    closing: closing.signal,
    agent,
    nextSeq: () => ++seq,
    onAttempt: (attempt: DeliveryAttempt) => {
      // The same record is reported again when it completes; log it once.
      if (attempt.durationMs === undefined && attempt.error === undefined) deliveries.push(attempt);
      emitter.emit('delivery', attempt);
    },
  };
  const simulator: SimulatorDeps = {
    ...state,
    clock,
    verificationToken: 'sandboxverificationtoken',
    deliver: (out) => deliverToBot(deliveryDeps, out),
  };
  const webApi: WebApiDeps = {
    methods: createMethodTable(),
    ctx: state.methodContext,
    tokens: { bot: secrets.botToken, app: secrets.appToken },
    knobs: knobs.get,
    takeForced: (method) => {
      const taken = takeForcedOutcome(knobs.current, method);
      knobs.current = taken.knobs;
      return taken.outcome;
    },
    limiter: state.limiter,
    scopes: { bot: options.botScopes ?? DEFAULT_BOT_SCOPES, app: APP_TOKEN_SCOPES },
    imageError: (method, args) => imageError(method, args, state.images),
    record: (call) => {
      const record = { seq: ++seq, ...call };
      calls.push(record);
      emitter.emit('call', record);
    },
    log,
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (api && (req.method === 'POST' || req.method === 'GET'))
      return handleWebApi(webApi, req, res, api[1] ?? '', url);
    if (url.pathname.startsWith('/_emulator/'))
      return handleControlRoute(emulator, state.files, req, res, url);
    const assets = { files: state.files, responseUrls: state.responseUrls, botToken: secrets.botToken };
    if (await handleAssetRoute(assets, req, res, url)) return;
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  const { server, baseUrl } = await listen({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    handle,
    upgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    log,
  });
  urls.base = baseUrl;
  const emulator = createEmulatorFacade({
    ...secrets,
    baseUrl,
    clock,
    state,
    simulator,
    hub,
    emitter,
    calls,
    deliveries,
    urls,
    knobs,
    closing: closing.signal,
    reset: () => {
      state.reset();
      calls.clear();
      deliveries.clear();
      knobs.current = initialKnobs;
    },
    close: async () => {
      closing.abort();
      state.files.reset();
      agent.destroy();
      await hub.close();
      await closeServer(server);
    },
  });
  log?.info({ url: baseUrl }, 'slack emulator listening');
  return emulator;
}
