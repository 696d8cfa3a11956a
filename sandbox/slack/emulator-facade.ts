import { simulateSlashCommand, simulateSubmitView } from './command-simulator.js';
import type { EmulatorEmitter } from './emitter.js';
import type { EmulatorState } from './emulator-state.js';
import { simulateReaction, simulateUserMessage } from './event-simulator.js';
import type { NowSource } from './ids.js';
import { simulateBlockAction } from './interaction-simulator.js';
import type { KnobsUpdate, SlackKnobs } from './knobs.js';
import type { RecordLog } from './records.js';
import { signRequest } from './signing.js';
import type { SimulatorDeps } from './simulator-deps.js';
import type { SlackEmulator } from './slack-emulator-api.js';
import type { SocketModeHub } from './socket-mode.js';
import type { CallRecord, DeliveryAttempt } from './types.js';

export interface FacadeParts {
  baseUrl: string;
  botToken: string;
  appToken: string;
  signingSecret: string;
  clock: NowSource;
  state: EmulatorState;
  simulator: SimulatorDeps;
  hub: SocketModeHub;
  emitter: EmulatorEmitter;
  calls: RecordLog<CallRecord>;
  deliveries: RecordLog<DeliveryAttempt>;
  urls: { events: string | undefined };
  knobs: { get(): SlackKnobs; set(update: KnobsUpdate): SlackKnobs };
  closing: AbortSignal;
  reset(): void;
  close(): Promise<void>;
}

/** The public SlackEmulator object over the running parts. */
export function createEmulatorFacade(p: FacadeParts): SlackEmulator {
  const { state, simulator, calls, deliveries } = p;
  return {
    url: p.baseUrl,
    apiUrl: `${p.baseUrl}/api/`,
    botToken: p.botToken,
    appToken: p.appToken,
    signingSecret: p.signingSecret,
    team: state.directory.team,
    bot: state.directory.bot,
    get eventsUrl() {
      return p.urls.events;
    },
    setEventsUrl: (url) => {
      p.urls.events = url;
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
    sign: (body, timestampSec = Math.floor(p.clock.now() / 1000)) =>
      signRequest(p.signingSecret, body, timestampSec),
    deliverRaw: async ({ body, headers = {}, url }) => {
      const target = url ?? p.urls.events;
      if (!target) throw new Error('slack emulator: eventsUrl is not set');
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.any([p.closing, AbortSignal.timeout(p.knobs.get().deliveryTimeoutMs)]),
      });
      return { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
    },
    socketConnections: () => p.hub.connections,
    disconnectSockets: (reason) => p.hub.disconnectAll(reason),
    knobs: () => p.knobs.get(),
    setKnobs: (update) => p.knobs.set(update),
    on: (event, listener) => p.emitter.on(event, listener),
    off: (event, listener) => p.emitter.off(event, listener),
    reset: p.reset,
    close: p.close,
  };
}
