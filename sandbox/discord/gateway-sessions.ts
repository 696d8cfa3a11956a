import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { type DispatchTarget, INTENTS } from './hub.js';
import { shardIdOf } from './snowflake.js';
import type { GatewaySessionInfo } from './types.js';

/** Dispatches kept per session so a RESUME can replay what a dropped connection missed. */
const REPLAY_BUFFER = 1000;

export interface GatewaySession {
  id: string;
  shard: [number, number] | null;
  intents: number;
  seq: number;
  buffer: Array<{ seq: number; frame: string }>;
  socket: WebSocket | null;
}

/** Live and resumable gateway sessions, and which of them a dispatch goes to. */
export class SessionStore {
  private readonly sessions = new Map<string, GatewaySession>();

  /** `onSend` sees every dispatch frame's event and data (the emulator records them). */
  constructor(private readonly onSend?: (session: GatewaySession, event: string, data: unknown) => void) {}

  create(shard: [number, number] | null, intents: number, socket: WebSocket): GatewaySession {
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents,
      seq: 0,
      buffer: [],
      socket,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): GatewaySession | undefined {
    return this.sessions.get(id);
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  all(): GatewaySession[] {
    return [...this.sessions.values()];
  }

  /** Whether a session's shard owns the guild; events without a guild go to shard 0 (as DMs do). */
  owns(session: GatewaySession, guildId: string | null): boolean {
    if (!session.shard) return true;
    const [id, count] = session.shard;
    return guildId === null ? id === 0 : shardIdOf(guildId, count) === id;
  }

  /** Sends (and buffers) a dispatch to every session that owns the guild and has the intent. */
  dispatch(event: string, data: object, target: DispatchTarget): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      if (!this.owns(session, target.guildId)) continue;
      if (target.intent !== null && (session.intents & target.intent) === 0) continue;
      const redacted = target.redact && (session.intents & INTENTS.MessageContent) === 0;
      this.send(session, event, redacted ? (target.redact?.(data) ?? data) : data);
      delivered += 1;
    }
    return delivered;
  }

  send(session: GatewaySession, event: string, data: unknown): void {
    session.seq += 1;
    const frame = JSON.stringify({ op: 0, t: event, s: session.seq, d: data });
    session.buffer.push({ seq: session.seq, frame });
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
    this.onSend?.(session, event, data);
  }

  info(guildIds: readonly string[]): GatewaySessionInfo[] {
    return this.all().map((s) => ({
      sessionId: s.id,
      shard: s.shard,
      intents: s.intents,
      connected: s.socket?.readyState === WebSocket.OPEN,
      sequence: s.seq,
      guildIds: guildIds.filter((g) => this.owns(s, g)),
    }));
  }

  clear(): void {
    this.sessions.clear();
  }
}
