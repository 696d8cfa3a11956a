import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage, APIUser } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import { CORS_HEADERS, handleAdmin } from './admin-routes.js';
import { CommandStore } from './commands.js';
import { GatewayServer } from './gateway.js';
import { apiErrors, sendJson } from './http-io.js';
import type { EmulatorHub } from './hub.js';
import { InteractionRegistry } from './interactions.js';
import { DEFAULT_KNOBS, type DiscordKnobs, type KnobsUpdate, mergeKnobs } from './knobs.js';
import { MessageService } from './messages.js';
import { RateLimiter } from './rate-limits.js';
import { ReactionService } from './reactions.js';
import { CallRecorder } from './recorder.js';
import { handleRest } from './rest-pipeline.js';
import { botRoutes } from './routes-bot.js';
import { commandRoutes } from './routes-commands.js';
import { interactionRoutes } from './routes-interactions.js';
import { messageRoutes } from './routes-messages.js';
import type { Services } from './services.js';
import { createSnowflakeFactory } from './snowflake.js';
import { type AttachmentBlob, EmulatorState } from './state.js';
import { ThreadService } from './threads.js';
import type {
  CallFilter,
  DiscordEmulatorEvents,
  GatewaySessionInfo,
  GuildInfo,
  GuildSeed,
  InteractionFilter,
  InteractionRecord,
  MessageEvent,
  RecordedCall,
  UserSeed,
} from './types.js';
import { UserSimulator } from './user-simulator.js';
import { createWaiters, type Waiters } from './waiters.js';

export interface DiscordEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** What `Authorization: Bot <token>` and IDENTIFY must carry. */
  botToken?: string;
  applicationId?: string;
  botUsername?: string;
  users?: readonly UserSeed[];
  guilds?: readonly GuildSeed[];
  knobs?: KnobsUpdate;
  /** Base URL written into gateway and attachment URLs when clients reach the emulator another way. */
  publicUrl?: string;
  /** REST calls kept for `calls()` (oldest dropped first). */
  maxCalls?: number;
  log?: Logger;
}

export interface EmulatorSnapshot {
  applicationId: string;
  botUser: APIUser;
  users: APIUser[];
  guilds: GuildInfo[];
  commands: { global: APIApplicationCommand[]; guilds: Record<string, APIApplicationCommand[]> };
}

type Simulator = Pick<
  UserSimulator,
  'slashCommand' | 'autocomplete' | 'clickButton' | 'selectMenu' | 'submitModal' | 'react' | 'unreact' | 'postMessage'
>;

export interface DiscordEmulator extends Simulator, Waiters {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** `${url}/api`: what DISCORD_API_URL (discord.js `rest.api`) is set to. */
  readonly apiUrl: string;
  /** ws://127.0.0.1:PORT/gateway */
  readonly gatewayUrl: string;
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** The seeded (non-bot) users. */
  readonly users: readonly APIUser[];
  guilds(): GuildInfo[];
  /** A guild by id or name; the first one by default. */
  guild(idOrName?: string): GuildInfo;
  /** A channel id by name (in the first guild unless given). */
  channelId(name: string, guildIdOrName?: string): string;
  snapshot(): EmulatorSnapshot;
  calls(filter?: CallFilter): RecordedCall[];
  /** Seq of the latest call; pass as `after` to look only at later ones. */
  lastCallSeq(): number;
  /** Channel history, oldest first. Ephemeral messages are left out unless asked for. */
  messages(channelId: string, options?: { includeEphemeral?: boolean }): APIMessage[];
  message(messageId: string): APIMessage | undefined;
  /** An uploaded file by attachment id. */
  attachment(attachmentId: string): AttachmentBlob | undefined;
  interactions(filter?: InteractionFilter): InteractionRecord[];
  interaction(interactionId: string): InteractionRecord | undefined;
  /** Registered commands: global (default) or of one guild. */
  commands(guildId?: string | null): APIApplicationCommand[];
  gatewaySessions(): GatewaySessionInfo[];
  on<K extends keyof DiscordEmulatorEvents>(event: K, listener: (...args: DiscordEmulatorEvents[K]) => void): void;
  off<K extends keyof DiscordEmulatorEvents>(event: K, listener: (...args: DiscordEmulatorEvents[K]) => void): void;
  knobs(): DiscordKnobs;
  /** Validates and merges; arrays and `buckets` are replaced as a whole. */
  setKnobs(update: KnobsUpdate): DiscordKnobs;
  /** The next `count` (default 1) calls matching `route` get 429 with this retry_after. */
  forceRateLimit(route: string, options: { retryAfterMs: number; count?: number; global?: boolean }): void;
  /** The next `count` (default 1) calls matching `route` (e.g. 'edits') get a 5xx. */
  failNext(route: string, options?: { count?: number; status?: number }): void;
  /** Sends op 7 to every gateway connection (clients reconnect and RESUME). */
  requestReconnect(): void;
  /** Forgets messages, uploads, threads, interactions, calls and rate-limit state; restores start knobs. Keeps commands and sessions. */
  reset(): void;
  close(): Promise<void>;
}

/** A protocol-level Discord (REST /api/v10 + gateway) for discord.js, tests, the sandbox and benchmarks. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const initialKnobs = mergeKnobs(DEFAULT_KNOBS, options.knobs ?? {});
  let knobs = initialKnobs;
  let baseUrl = '';
  const botToken = options.botToken ?? 'emulator-bot-token';
  const events = new EventEmitter<DiscordEmulatorEvents>();
  events.setMaxListeners(0);
  const state = new EmulatorState({
    nextId: createSnowflakeFactory(),
    applicationId: options.applicationId,
    botUsername: options.botUsername,
    users: options.users,
    guilds: options.guilds,
  });
  const hub: EmulatorHub = {
    state,
    knobs: () => knobs,
    baseUrl: () => baseUrl,
    now: Date.now,
    emit: (event, ...args) => events.emit(event, ...(args as never)),
    dispatch: (event, data, target) => gateway.dispatch(event, data, target),
  };
  const gateway: GatewayServer = new GatewayServer(hub, {
    token: botToken,
    url: () => `${baseUrl.replace(/^http/, 'ws')}/gateway`,
    log: options.log,
  });
  const messages = new MessageService(hub);
  const services: Services = {
    hub,
    messages,
    reactions: new ReactionService(hub, messages),
    threads: new ThreadService(hub, messages),
    interactions: new InteractionRegistry(hub),
    commands: new CommandStore(hub),
    gateway: { url: () => `${baseUrl.replace(/^http/, 'ws')}/gateway`, identifies: () => gateway.identifies() },
  };
  const limiter = new RateLimiter({ get: () => knobs, replace: (next) => (knobs = next) });
  const recorder = new CallRecorder(options.maxCalls ?? 10_000);
  const routes = [...botRoutes(services), ...messageRoutes(services), ...commandRoutes(services), ...interactionRoutes(services)];
  const pipeline = { routes, botToken, limiter, recorder, hub, log: options.log };
  const simulator = new UserSimulator(services);

  const setKnobs = (update: KnobsUpdate) => {
    knobs = mergeKnobs(knobs, update);
    return knobs;
  };
  const guildInfos = () => [...state.guilds.values()].map((g) => state.guildInfo(g));
  const guild = (idOrName?: string): GuildInfo => {
    const all = guildInfos();
    const found = idOrName === undefined ? all[0] : all.find((g) => g.id === idOrName || g.name === idOrName);
    if (!found) throw new Error(`no guild ${idOrName ?? ''}`);
    return found;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    if (path.startsWith('/api/v10/')) return handleRest(pipeline, req, res, path.slice('/api/v10'.length), url.searchParams);
    if (path.startsWith('/_emulator/')) return handleAdmin(emulator, req, res, path, url.searchParams);
    const blob = /^\/attachments\/[^/]+\/(\d+)\/[^/]+$/.exec(path);
    if (blob && req.method === 'GET') {
      const found = state.blobs.get(blob[1] ?? '');
      if (!found) return sendJson(res, 404, apiErrors.notFound().toJSON(), CORS_HEADERS);
      res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.bytes.length, ...CORS_HEADERS });
      res.end(found.bytes);
      return;
    }
    sendJson(res, 404, apiErrors.notFound().toJSON());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.error({ err: error }, 'discord emulator: request failed');
      if (!res.headersSent) sendJson(res, 500, { message: '500: Internal Server Error', code: 0 });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://emulator').pathname === '/gateway') gateway.upgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? `http://${host}:${address.port}`;

  const emulator: DiscordEmulator = {
    url: baseUrl,
    apiUrl: `${baseUrl}/api`,
    gatewayUrl: services.gateway.url(),
    botToken,
    applicationId: state.applicationId,
    botUser: state.botUser,
    users: [...state.users.values()].filter((u) => !u.bot),
    guilds: guildInfos,
    guild,
    channelId: (name, guildIdOrName) => {
      const id = guild(guildIdOrName).channels[name];
      if (!id) throw new Error(`no channel #${name}`);
      return id;
    },
    snapshot: () => ({
      applicationId: state.applicationId,
      botUser: state.botUser,
      users: [...state.users.values()],
      guilds: guildInfos(),
      commands: {
        global: state.commands.get('') ?? [],
        guilds: Object.fromEntries([...state.commands].filter(([key]) => key !== '')),
      },
    }),
    calls: (filter) => recorder.list(filter),
    lastCallSeq: () => recorder.lastSeq(),
    messages: (channelId, opts) =>
      [...state.messages.values()]
        .filter((m) => m.data.channel_id === channelId && (opts?.includeEphemeral || !m.visibleTo))
        .map((m) => messages.render(m)),
    message: (id) => {
      const record = state.messages.get(id);
      return record && messages.render(record);
    },
    attachment: (id) => state.blobs.get(id),
    interactions: (filter) => services.interactions.list(filter),
    interaction: (id) => services.interactions.get(id),
    commands: (guildId = null) => services.commands.list(guildId),
    gatewaySessions: () => gateway.info(),
    on: (event, listener) => events.on(event, listener as never),
    off: (event, listener) => events.off(event, listener as never),
    ...createWaiters(events, {
      calls: (filter) => recorder.list(filter),
      messages: () => [...state.messages.values()].map((m) => messages.render(m)),
      interaction: (id) => services.interactions.get(id),
    }),
    slashCommand: (input) => simulator.slashCommand(input),
    autocomplete: (input) => simulator.autocomplete(input),
    clickButton: (input) => simulator.clickButton(input),
    selectMenu: (input) => simulator.selectMenu(input),
    submitModal: (input) => simulator.submitModal(input),
    react: (input) => simulator.react(input),
    unreact: (input) => simulator.unreact(input),
    postMessage: (input) => simulator.postMessage(input),
    knobs: () => knobs,
    setKnobs,
    forceRateLimit: (route, o) => {
      setKnobs({ force429: [...knobs.force429, { route, count: o.count ?? 1, retryAfterMs: o.retryAfterMs, global: o.global ?? false }] });
    },
    failNext: (route, o = {}) => {
      setKnobs({ fail5xx: [...knobs.fail5xx, { route, count: o.count ?? 1, status: o.status ?? 500 }] });
    },
    requestReconnect: () => gateway.requestReconnect(),
    reset: () => {
      state.clearActivity();
      services.interactions.clear();
      recorder.clear();
      limiter.reset();
      knobs = initialKnobs;
    },
    close: async () => {
      services.interactions.clear();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}

export type { MessageEvent };
