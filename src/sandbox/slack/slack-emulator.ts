import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/logger.js';
import { handleAssetRoute } from './asset-routes.js';
import { deliverToBot } from './bot-delivery.js';
import { simulateSlashCommand, simulateSubmitView } from './command-simulator.js';
import { handleControlRoute } from './control-routes.js';
import { EmulatorEmitter } from './emitter.js';
import { createEmulatorState } from './emulator-state.js';
import { simulateReaction, simulateUserMessage } from './event-simulator.js';
import { sendJson } from './http-io.js';
import type { NowSource } from './ids.js';
import { simulateBlockAction } from './interaction-simulator.js';
import { DEFAULT_KNOBS, type KnobsUpdate, mergeKnobs, type SlackKnobs } from './knobs.js';
import { createMethodTable } from './methods/index.js';
import { RecordLog } from './records.js';
import { signRequest } from './signing.js';
import type { SimulatorDeps } from './simulator-deps.js';
import type { SlackEmulator } from './slack-emulator-api.js';
import { SocketModeHub } from './socket-mode.js';
import type { CallRecord, DeliveryAttempt, Transport } from './types.js';
import { type ForcedOutcome, handleWebApi } from './web-api.js';
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
  /** Calls and delivery attempts kept (oldest dropped first); default 10,000 each. */
  maxRecords?: number;
  log?: Logger;
}

/** A protocol-level Slack: Web API, signed HTTP delivery, Socket Mode, and a user simulator. */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const log = options.log;
  const botToken = options.botToken ?? 'xoxb-sandbox-bot-token';
  const appToken = options.appToken ?? 'xapp-1-A0ATELIER1-sandbox-app-token';
  const signingSecret = options.signingSecret ?? 'sandbox-signing-secret';
  const initialKnobs = mergeKnobs(DEFAULT_KNOBS, options.knobs ?? {});
  let knobs: SlackKnobs = initialKnobs;
  let eventsUrl = options.eventsUrl;
  let baseUrl = '';
  const closing = new AbortController();
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
    knobs: () => knobs,
    baseUrl: () => baseUrl,
    issueSocketUrl: () => hub.issueUrl(baseUrl.replace(/^http/, 'ws')),
  });
  const hub = new SocketModeHub({
    appId: state.directory.bot.appId,
    ids: state.ids,
    emitter,
    log,
    pingIntervalMs: options.socketPingIntervalMs ?? 15_000,
  });
  const methods = createMethodTable();

  const takeForced = (method: string): ForcedOutcome | undefined => {
    const left = knobs.rateLimitNext[method] ?? 0;
    if (left > 0) {
      knobs = { ...knobs, rateLimitNext: { ...knobs.rateLimitNext, [method]: left - 1 } };
      return { kind: 'ratelimited', retryAfterSeconds: knobs.retryAfterSeconds };
    }
    const fail = knobs.failNext[method];
    if (fail && fail.count > 0) {
      knobs = { ...knobs, failNext: { ...knobs.failNext, [method]: { ...fail, count: fail.count - 1 } } };
      return { kind: 'error', error: fail.error };
    }
    return undefined;
  };

  const simulator: SimulatorDeps = {
    ...state,
    clock,
    verificationToken: 'sandboxverificationtoken',
    deliver: (out) =>
      deliverToBot(
        {
          clock,
          signingSecret,
          knobs: () => knobs,
          eventsUrl: () => eventsUrl,
          transport: () => options.transport ?? 'auto',
          socket: hub,
          closing: closing.signal,
          nextSeq: () => ++seq,
          onAttempt: (attempt) => {
            if (attempt.durationMs === undefined && attempt.error === undefined) deliveries.push(attempt);
            emitter.emit('delivery', attempt);
          },
        },
        out,
      ),
  };

  const emulator: SlackEmulator = {
    get url() {
      return baseUrl;
    },
    get apiUrl() {
      return `${baseUrl}/api/`;
    },
    botToken,
    appToken,
    signingSecret,
    team: state.directory.team,
    bot: state.directory.bot,
    get eventsUrl() {
      return eventsUrl;
    },
    setEventsUrl: (url) => {
      eventsUrl = url;
    },
    users: () => state.directory.users(),
    channels: () => state.directory.channels(),
    messages: (channelId) => state.messages.all(channelId).map((m) => state.messages.toWire(m)),
    message: (channelId, ts) => {
      const stored = state.messages.get(channelId, ts);
      return stored ? state.messages.toWire(stored) : undefined;
    },
    ephemerals: (userId) => state.ephemerals.list(userId),
    views: (userId) => state.views.records(userId),
    openViews: (userId) => state.views.stack(userId),
    file: (fileId) => state.files.get(fileId),
    responses: () => state.responseUrls.records(),
    get calls() {
      return calls.items;
    },
    callsTo: (method) => calls.items.filter((c) => c.method === method),
    waitForCall: (method, { where = () => true, timeoutMs = 5000 } = {}) =>
      calls.waitFor((c) => c.method === method && where(c), timeoutMs, `a ${method} call`),
    get deliveries() {
      return deliveries.items;
    },
    slashCommand: (args) => simulateSlashCommand(simulator, args),
    blockAction: (args) => simulateBlockAction(simulator, args),
    submitView: (args) => simulateSubmitView(simulator, args),
    react: (args) => simulateReaction(simulator, args, true),
    unreact: (args) => simulateReaction(simulator, args, false),
    postMessage: (args) => simulateUserMessage(simulator, args),
    sign: (body, timestampSec = Math.floor(clock.now() / 1000)) =>
      signRequest(signingSecret, body, timestampSec),
    deliverRaw: async ({ body, headers = {}, url }) => {
      const target = url ?? eventsUrl;
      if (!target) throw new Error('slack emulator: eventsUrl is not set');
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(knobs.deliveryTimeoutMs)]),
      });
      return { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
    },
    socketConnections: () => hub.connections,
    disconnectSockets: (reason) => hub.disconnectAll(reason),
    knobs: () => knobs,
    setKnobs: (update) => {
      knobs = mergeKnobs(knobs, update);
      return knobs;
    },
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    reset: () => {
      state.reset();
      calls.clear();
      deliveries.clear();
      knobs = initialKnobs;
    },
    close: async () => {
      closing.abort();
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const webApi = {
    methods,
    ctx: state.methodContext,
    tokens: { bot: botToken, app: appToken },
    knobs: () => knobs,
    takeForced,
    limiter: state.limiter,
    record: (call: Omit<CallRecord, 'seq'>) => {
      const record = { seq: ++seq, ...call };
      calls.push(record);
      emitter.emit('call', record);
    },
    log,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (api && (req.method === 'POST' || req.method === 'GET'))
      return handleWebApi(webApi, req, res, api[1] ?? '', url);
    if (url.pathname.startsWith('/_emulator/'))
      return handleControlRoute(emulator, state.files, req, res, url);
    const assets = { files: state.files, responseUrls: state.responseUrls, botToken };
    if (await handleAssetRoute(assets, req, res, url)) return;
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log?.error({ err: error }, 'slack emulator: request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  log?.info({ url: baseUrl }, 'slack emulator listening');
  return emulator;
}
