import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseRequestTarget, safeListener } from '../../src/web/safe-listener.js';
import { listenForUrl } from '../listen.js';
import { CORS_HEADERS, handleAdmin } from './admin-routes.js';
import { CommandStore } from './commands.js';
import type { DiscordEmulator, DiscordEmulatorOptions } from './emulator-api.js';
import { GatewayServer } from './gateway.js';
import { apiErrors, sendJson } from './http-io.js';
import { type EmulatorHub, INTENTS } from './hub.js';
import { InteractionRegistry } from './interactions.js';
import { DEFAULT_KNOBS, type KnobsUpdate, mergeKnobs } from './knobs.js';
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
import { EmulatorState } from './state.js';
import { ThreadArchive } from './thread-archive.js';
import { ThreadService } from './threads.js';
import type { DiscordEmulatorEvents, GuildInfo } from './types.js';
import { EmulatorUsageError } from './usage-error.js';
import { UserSimulator } from './user-simulator.js';
import { createWaiters } from './waiters.js';

/** A protocol-level Discord (REST /api/v10 + gateway) for discord.js, tests, the sandbox and benchmarks. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const initialKnobs = mergeKnobs(DEFAULT_KNOBS, options.knobs ?? {});
  let knobs = initialKnobs;
  let baseUrl = '';
  const botToken = options.botToken ?? 'emulator-bot-token';
  const gatewayUrl = () => `${baseUrl.replace(/^http/, 'ws')}/gateway`;
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
    url: gatewayUrl,
    log: options.log,
    ...(options.maxCalls !== undefined ? { maxDispatches: options.maxCalls } : {}),
  });
  const archive = new ThreadArchive(hub);
  const messages = new MessageService(hub, archive);
  // Threads archive after hours of quiet; a test lets time pass with ageThreads() instead of waiting.
  const sweeper = setInterval(() => archive.sweep(), 60_000);
  sweeper.unref();
  const services: Services = {
    hub,
    messages,
    reactions: new ReactionService(hub, messages),
    threads: new ThreadService(hub, messages, archive),
    interactions: new InteractionRegistry(hub),
    commands: new CommandStore(hub),
    gateway: { url: gatewayUrl, identifies: () => gateway.identifies() },
  };
  const limiter = new RateLimiter({ get: () => knobs, replace: (next) => (knobs = next) });
  const recorder = new CallRecorder(options.maxCalls ?? 10_000);
  const routes = [
    ...botRoutes(services),
    ...messageRoutes(services),
    ...commandRoutes(services),
    ...interactionRoutes(services),
  ];
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

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path.startsWith('/api/v10/'))
      return handleRest(pipeline, req, res, path.slice('/api/v10'.length), url.searchParams);
    if (path.startsWith('/_emulator/')) return handleAdmin(emulator, req, res, path, url.searchParams);
    const blob = /^\/attachments\/[^/]+\/(\d+)\/[^/]+$/.exec(path);
    if (blob && req.method === 'GET') {
      const found = state.blobs.get(blob[1] ?? '');
      if (!found) return sendJson(res, 404, apiErrors.notFound().toJSON(), CORS_HEADERS);
      res.writeHead(200, {
        'content-type': found.contentType,
        'content-length': found.bytes.length,
        ...CORS_HEADERS,
      });
      res.end(found.bytes);
      return;
    }
    sendJson(res, 404, apiErrors.notFound().toJSON());
  }

  const server = createServer(
    safeListener(handle, {
      onError: (error) => options.log?.error({ err: error }, 'discord emulator: request failed'),
      internalError: (res) => sendJson(res, 500, { message: '500: Internal Server Error', code: 0 }),
    }),
  );
  server.on('upgrade', (req, socket, head) => {
    try {
      if (parseRequestTarget(req.url)?.pathname === '/gateway') gateway.upgrade(req, socket, head);
      else socket.destroy();
    } catch (error) {
      options.log?.error({ err: error }, 'discord emulator: upgrade failed');
      socket.destroy();
    }
  });
  const listenUrl = await listenForUrl(server, options.port, options.host);
  baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? listenUrl;

  const emulator: DiscordEmulator = {
    url: baseUrl,
    apiUrl: `${baseUrl}/api`,
    gatewayUrl: gatewayUrl(),
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
    setChannelNsfw: (channelId, nsfw) => {
      const channel = state.setChannelNsfw(channelId, nsfw);
      if (!channel) throw new EmulatorUsageError(`no text channel ${channelId}`);
      hub.dispatch('CHANNEL_UPDATE', channel, { guildId: channel.guild_id ?? null, intent: INTENTS.Guilds });
    },
    setPermissionOverwrites: (channelId, overwrites) => {
      const channel = state.setPermissionOverwrites(channelId, overwrites);
      if (!channel) throw new EmulatorUsageError(`no text channel ${channelId}`);
      // gateway-events.mdx "Channel Update": sent when a channel's permission overwrites change.
      hub.dispatch('CHANNEL_UPDATE', channel, { guildId: channel.guild_id ?? null, intent: INTENTS.Guilds });
    },
    archiveThread: (threadId) => {
      if (!archive.thread(threadId)) throw new EmulatorUsageError(`no thread ${threadId}`);
      archive.archive(threadId);
    },
    ageThreads: (ms) => archive.age(ms),
    channel: (channelId) => state.channels.get(channelId),
    dmChannelId: (userId) =>
      [...state.channels.values()].find((c) => c.type === 1 && c.recipients?.some((u) => u.id === userId))
        ?.id,
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
    dispatches: () => gateway.dispatches(),
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
      setKnobs({
        force429: [
          ...knobs.force429,
          { route, count: o.count ?? 1, retryAfterMs: o.retryAfterMs, global: o.global ?? false },
        ],
      });
    },
    failNext: (route, o = {}) => {
      setKnobs({ fail5xx: [...knobs.fail5xx, { route, count: o.count ?? 1, status: o.status ?? 500 }] });
    },
    requestReconnect: () => gateway.requestReconnect(),
    reset: () => {
      state.clearActivity();
      archive.clear();
      services.interactions.clear();
      recorder.clear();
      gateway.clearDispatches();
      limiter.reset();
      knobs = initialKnobs;
    },
    close: async () => {
      clearInterval(sweeper);
      services.interactions.clear();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}
