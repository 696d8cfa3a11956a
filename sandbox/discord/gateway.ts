import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../src/core/logger.js';
import { type GatewaySession, SessionStore } from './gateway-sessions.js';
import { type DispatchTarget, type EmulatorHub, INTENTS } from './hub.js';
import { renderGuildCreate, renderMember } from './render-guild.js';
import type { GatewaySessionInfo, RecordedDispatch } from './types.js';

const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  presence: 3,
  voice: 4,
  resume: 6,
  reconnect: 7,
  members: 8,
  invalid: 9,
  hello: 10,
  ack: 11,
} as const;
const CLOSE = {
  unknownOpcode: 4001,
  decodeError: 4002,
  notAuthenticated: 4003,
  authFailed: 4004,
  alreadyAuthenticated: 4005,
  invalidShard: 4010,
  invalidIntents: 4013,
} as const;

interface Frame {
  op?: number;
  d?: unknown;
}

/** JSON text frames only: discord.js sends no ETF and, without zlib-sync, no compression. */
function decode(raw: RawData, isBinary: boolean): Frame | undefined {
  if (isBinary) return undefined;
  try {
    return JSON.parse(String(raw)) as Frame;
  } catch {
    return undefined;
  }
}

/** IDENTIFY's `shard: [id, count]`: null when absent, undefined when invalid. */
function parseShard(shard: unknown): [number, number] | null | undefined {
  if (shard === undefined) return null;
  const [id, count] = Array.isArray(shard) ? shard : [];
  const valid = Number.isInteger(id) && Number.isInteger(count) && id >= 0 && count >= 1 && id < count;
  return valid ? [id, count] : undefined;
}

/**
 * Discord's gateway as @discordjs/ws 1.2 speaks it (JSON, no compression): HELLO, heartbeats,
 * IDENTIFY → READY + GUILD_CREATE per guild of the shard, RESUME with replay, sequence numbers.
 */
export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sent: RecordedDispatch[] = [];
  private sentSeq = 0;
  private readonly sessions = new SessionStore((session, event, data) =>
    this.record(session.id, event, data),
  );
  private readonly bySocket = new Map<WebSocket, GatewaySession>();
  private identifyCount = 0;

  constructor(
    private readonly hub: EmulatorHub,
    private readonly options: {
      token: string;
      url: () => string;
      log?: Logger | undefined;
      /** Dispatches kept for `dispatches()` (oldest dropped first). */
      maxDispatches?: number;
    },
  ) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  dispatch(event: string, data: object, target: DispatchTarget): number {
    return this.sessions.dispatch(event, data, target);
  }

  /** Dispatches sent so far (bounded), oldest first. */
  dispatches(): RecordedDispatch[] {
    return [...this.sent];
  }

  clearDispatches(): void {
    this.sent.length = 0;
  }

  identifies(): number {
    return this.identifyCount;
  }

  info(): GatewaySessionInfo[] {
    return this.sessions.info([...this.hub.state.guilds.keys()]);
  }

  /** Asks every client to reconnect and resume (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    for (const ws of this.wss.clients) this.send(ws, { op: OP.reconnect, d: null });
  }

  /** Forgets sessions (a later RESUME gets op 9) and closes every connection. */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.send(ws, { op: OP.hello, d: { heartbeat_interval: this.hub.knobs().heartbeatIntervalMs } });
    ws.on('message', (raw, isBinary) => this.receive(ws, raw, isBinary));
    ws.on('close', (code) => this.closed(ws, code));
    ws.on('error', (error) =>
      this.options.log?.debug({ err: error }, 'discord emulator: gateway socket error'),
    );
  }

  private receive(ws: WebSocket, raw: RawData, isBinary: boolean): void {
    const frame = decode(raw, isBinary);
    if (!frame) {
      ws.close(CLOSE.decodeError, 'Decode error');
      return;
    }
    const session = this.bySocket.get(ws);
    switch (frame.op) {
      case OP.heartbeat:
        this.send(ws, { op: OP.ack, d: null });
        break;
      case OP.identify:
        if (session) ws.close(CLOSE.alreadyAuthenticated, 'Already authenticated');
        else this.identify(ws, frame.d);
        break;
      case OP.resume:
        this.resume(ws, frame.d);
        break;
      default:
        if (!session) ws.close(CLOSE.notAuthenticated, 'Not authenticated');
        else if (frame.op === OP.members) this.memberChunk(session, frame.d);
        else if (frame.op !== OP.presence && frame.op !== OP.voice)
          ws.close(CLOSE.unknownOpcode, 'Unknown opcode');
    }
  }

  private identify(ws: WebSocket, d: unknown): void {
    const { token, intents, shard } = (d ?? {}) as { token?: string; intents?: number; shard?: unknown };
    const pair = parseShard(shard);
    if (token !== this.options.token) {
      ws.close(CLOSE.authFailed, 'Authentication failed');
      return;
    }
    if (typeof intents !== 'number' || intents < 0) {
      ws.close(CLOSE.invalidIntents, 'Invalid intent(s)');
      return;
    }
    if (pair === undefined) {
      ws.close(CLOSE.invalidShard, 'Invalid shard');
      return;
    }
    const session = this.sessions.create(pair, intents, ws);
    this.bySocket.set(ws, session);
    this.identifyCount += 1;
    const { state } = this.hub;
    const guilds = [...state.guilds.values()].filter((g) => this.sessions.owns(session, g.id));
    this.sessions.send(session, 'READY', {
      v: 10,
      user: state.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.options.url(),
      ...(pair ? { shard: pair } : {}),
      application: { id: state.applicationId, flags: 0, flags_new: '0' },
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['["atelier-discord-emulator",{"micros":0}]'],
    });
    if ((intents & INTENTS.Guilds) !== 0) {
      for (const guild of guilds)
        this.sessions.send(
          session,
          'GUILD_CREATE',
          renderGuildCreate(state, guild, (intents & INTENTS.GuildPresences) !== 0),
        );
    }
    this.hub.emit('gateway', { type: 'identify', sessionId: session.id, shard: pair });
  }

  private resume(ws: WebSocket, d: unknown): void {
    const { token, session_id, seq } = (d ?? {}) as { token?: string; session_id?: string; seq?: number };
    const session = session_id ? this.sessions.get(session_id) : undefined;
    if (!session || token !== this.options.token) {
      this.send(ws, { op: OP.invalid, d: false });
      return;
    }
    if (session.socket && session.socket !== ws) {
      this.bySocket.delete(session.socket);
      session.socket.close(4000, 'Session resumed elsewhere');
    }
    session.socket = ws;
    this.bySocket.set(ws, session);
    for (const entry of session.buffer) if (entry.seq > (seq ?? 0)) ws.send(entry.frame);
    this.sessions.send(session, 'RESUMED', {});
    this.hub.emit('gateway', { type: 'resume', sessionId: session.id, shard: session.shard });
  }

  private memberChunk(session: GatewaySession, d: unknown): void {
    const { guild_id, user_ids, nonce } = (d ?? {}) as {
      guild_id?: string;
      user_ids?: string[];
      nonce?: string;
    };
    const guild = this.hub.state.guilds.get(guild_id ?? '');
    if (!guild) return;
    const ids = user_ids ?? [...guild.members.keys()];
    const members = ids.flatMap((id) => renderMember(this.hub.state, guild, id) ?? []);
    const data = {
      guild_id: guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: [],
      ...(nonce ? { nonce } : {}),
    };
    this.sessions.send(session, 'GUILD_MEMBERS_CHUNK', data);
  }

  private closed(ws: WebSocket, code: number): void {
    const session = this.bySocket.get(ws);
    this.bySocket.delete(ws);
    if (!session || session.socket !== ws) return;
    session.socket = null;
    // A clean close (1000/1001) ends the session in Discord; anything else leaves it resumable.
    if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    this.hub.emit('gateway', { type: 'close', sessionId: session.id, shard: session.shard, code });
  }

  private record(sessionId: string, event: string, data: unknown): void {
    this.sentSeq += 1;
    const dispatch = { seq: this.sentSeq, event, data, sessionId };
    this.sent.push(dispatch);
    const max = this.options.maxDispatches ?? 10_000;
    if (this.sent.length > max) this.sent.splice(0, this.sent.length - max);
    this.hub.emit('dispatch', dispatch);
  }

  private send(ws: WebSocket, payload: { op: number; d: unknown }): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ ...payload, s: null, t: null }));
  }
}
