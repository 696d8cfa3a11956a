import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../src/core/logger.js';
import { parseRequestTarget } from '../../src/web/safe-listener.js';
import type { EmulatorEmitter } from './emitter.js';
import type { IdFactory } from './ids.js';
import type { Json } from './types.js';

export const SOCKET_PATH = '/link/';

interface Pending {
  socket: WebSocket;
  resolve(payload: Json): void;
  reject(error: Error): void;
}

export interface SocketModeHubDeps {
  appId: string;
  ids: IdFactory;
  emitter: EmulatorEmitter;
  log?: Logger | undefined;
  /** Server pings keep Slack's client from timing out an idle link; 0 disables them. */
  pingIntervalMs: number;
}

/** Slack's Socket Mode endpoint: one-use tickets from apps.connections.open, hello, envelopes and acks. */
export class SocketModeHub {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #sockets = new Set<WebSocket>();
  readonly #pending = new Map<string, Pending>();
  #turn = 0;

  constructor(private readonly deps: SocketModeHubDeps) {}

  get connections(): number {
    return this.#sockets.size;
  }

  issueUrl(wsBase: string): string {
    const ticket = this.deps.ids.secret();
    this.#tickets.add(ticket);
    return `${wsBase}${SOCKET_PATH}?ticket=${ticket}&app_id=${this.deps.appId}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = parseRequestTarget(req.url);
    const ticket = url?.searchParams.get('ticket') ?? '';
    if (url?.pathname !== SOCKET_PATH || !this.#tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.#sockets.add(ws);
    const ping =
      this.deps.pingIntervalMs > 0
        ? setInterval(() => ws.ping('emulator'), this.deps.pingIntervalMs)
        : undefined;
    ping?.unref();
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(data.toString());
    });
    ws.on('error', (error) => this.deps.log?.debug({ err: error }, 'slack emulator: socket error'));
    ws.on('close', () => {
      clearInterval(ping);
      this.#sockets.delete(ws);
      for (const [id, pending] of this.#pending) {
        if (pending.socket !== ws) continue;
        this.#pending.delete(id);
        pending.reject(new Error('socket closed before ack'));
      }
      this.deps.emitter.emit('socket', { kind: 'disconnected', connections: this.#sockets.size });
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#sockets.size,
        debug_info: { host: 'applink-sandbox', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.deps.appId },
      }),
    );
    this.deps.emitter.emit('socket', { kind: 'connected', connections: this.#sockets.size });
  }

  private onMessage(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
    const pending = id ? this.#pending.get(id) : undefined;
    if (!id || !pending) return;
    this.#pending.delete(id);
    const payload = message.payload;
    pending.resolve(typeof payload === 'object' && payload !== null ? (payload as Json) : {});
  }

  /** Sends an envelope on the next connection (round robin) and resolves with the ack's payload. */
  send(envelope: Json & { envelope_id: string }, signal: AbortSignal): Promise<Json> {
    const open = [...this.#sockets].filter((s) => s.readyState === s.OPEN);
    const socket = open[this.#turn++ % Math.max(open.length, 1)];
    if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    return new Promise((resolve, reject) => {
      const id = envelope.envelope_id;
      const onAbort = () => {
        this.#pending.delete(id);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const done =
        <T>(fn: (v: T) => void) =>
        (v: T) => {
          signal.removeEventListener('abort', onAbort);
          fn(v);
        };
      this.#pending.set(id, { socket, resolve: done(resolve), reject: done(reject) });
      socket.send(JSON.stringify(envelope));
    });
  }

  /** Asks every client to reconnect, as Slack does before recycling a link. */
  disconnectAll(reason = 'refresh_requested'): void {
    for (const ws of this.#sockets) {
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-sandbox' } }));
    }
  }

  /** Closes every link with a close handshake (clients that are already closing finish theirs), then cuts stragglers. */
  async close(graceMs = 1000): Promise<void> {
    this.#tickets.clear();
    const sockets = [...this.#sockets];
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, graceMs);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            if (ws.readyState === ws.OPEN) ws.close(1001, 'going away');
          }),
      ),
    );
    this.#sockets.clear();
    this.#wss.close();
  }
}
