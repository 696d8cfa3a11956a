import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'libsql';
import type { Logger } from '../../src/core/logger.js';
import { readBody } from '../../src/web/http-io.js';
import { safeListener } from '../../src/web/safe-listener.js';
import { listenForUrl } from '../listen.js';
import { type HranaVersion, ProtocolError, type StreamResult } from './hrana-proto.js';
import { handleStreamRequest } from './hrana-requests.js';
import { SqlConnection } from './sql-connection.js';
import { StreamExpiredError, StreamRegistry } from './stream-registry.js';

export interface LibsqlServerEmulatorOptions {
  /** When set, pipeline requests need `Authorization: Bearer <authToken>` (compared literally, no JWT). */
  authToken?: string;
  /** SQLite file to serve; by default a fresh file in a temp folder, removed on close. */
  file?: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Added before each pipeline is handled, to feel a remote round trip. */
  latencyMs?: number;
  /** Idle time after which a stream (and its open transaction) is dropped; sqld uses 10 s. */
  streamExpiryMs?: number;
  /** How long a statement waits for another stream's write lock; sqld's transaction timeout is 5 s. */
  busyTimeoutMs?: number;
  log?: Logger;
}

export interface LibsqlEmulatorStats {
  /** HTTP requests by `METHOD /path`, e.g. `POST /v2/pipeline`. */
  endpoints: Record<string, number>;
  /** Stream requests by type (`execute`, `batch`, `store_sql`, …). */
  requests: Record<string, number>;
  streamsOpened: number;
  openStreams: number;
  unauthorized: number;
  protocolErrors: number;
}

export interface LibsqlServerEmulator {
  /** `http://127.0.0.1:PORT`: use it as DATABASE_URL. */
  readonly url: string;
  /** The same server as a `libsql://` URL (`?tls=0` makes @libsql/client speak plain HTTP). */
  readonly libsqlUrl: string;
  /** The SQLite file behind the server. */
  readonly file: string;
  stats(): LibsqlEmulatorStats;
  close(): Promise<void>;
}

const HELLO = 'Hello, this is HTTP API v2 (Hrana over HTTP)';
const BODY_LIMIT = 64 * 1024 * 1024;
const PIPELINES: Record<string, HranaVersion> = { '/v2/pipeline': 2, '/v3/pipeline': 3 };

/**
 * A protocol-level stand-in for a libSQL server (sqld / Turso) speaking Hrana over HTTP with JSON, as
 * @libsql/client 0.18 uses it for `http(s)://` and `libsql://` URLs: `POST /v2/pipeline` (and
 * `/v3/pipeline`), streams tied by batons, stored SQL, batches with conditions. Backed by a real
 * libSQL file with one connection per stream. Protobuf (`/v3-protobuf`) and cursors are not served:
 * they answer 404, which makes a probing client fall back to JSON.
 */
export async function startLibsqlServerEmulator(
  options: LibsqlServerEmulatorOptions = {},
): Promise<LibsqlServerEmulator> {
  const ownDir = options.file ? undefined : await mkdtemp(join(tmpdir(), 'atelier-libsql-'));
  const file = options.file ?? join(ownDir ?? '', 'data.db');
  // sqld runs its databases in WAL and keeps one connection open for the database's lifetime.
  const keeper = new Database(file);
  keeper.exec('PRAGMA journal_mode = WAL');
  const busy = { timeoutMs: options.busyTimeoutMs ?? 5_000, pollMs: 10 };
  const registry = new StreamRegistry({
    openConnection: () => new SqlConnection(file, busy),
    expiryMs: options.streamExpiryMs ?? 10_000,
  });
  const counts = { endpoints: {} as Record<string, number>, requests: {} as Record<string, number> };
  let unauthorized = 0;
  let protocolErrors = 0;
  const bump = (map: Record<string, number>, key: string) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  const authError = (req: IncomingMessage): string | undefined => {
    if (options.authToken === undefined) return undefined;
    const header = req.headers.authorization;
    if (!header) return 'Authentication is required but no JWT was specified';
    if (header !== `Bearer ${options.authToken}`) return 'The JWT is invalid';
    return undefined;
  };

  async function handlePipeline(req: IncomingMessage, res: ServerResponse, version: HranaVersion) {
    const refused = authError(req);
    if (refused) {
      unauthorized += 1;
      // sqld's shape for auth failures: 401 with {"error": …}, which the client reports as HTTP 401.
      return send(res, 401, 'application/json', JSON.stringify({ error: `Unauthorized: \`${refused}\`` }));
    }
    let body: { baton?: string | null; requests?: unknown };
    try {
      body = JSON.parse((await readBody(req, BODY_LIMIT)).toString('utf8')) as typeof body;
      if (typeof body !== 'object' || body === null || !Array.isArray(body.requests))
        throw new Error('requests');
      if (body.baton !== undefined && body.baton !== null && typeof body.baton !== 'string')
        throw new Error('baton');
    } catch (error) {
      protocolErrors += 1;
      return send(res, 400, 'text/plain', `Cannot deserialize client message from JSON: ${String(error)}`);
    }
    if (options.latencyMs) await sleep(options.latencyMs);
    let stream: ReturnType<StreamRegistry['acquire']>;
    try {
      stream = registry.acquire(body.baton);
    } catch (error) {
      return sendFailure(res, error);
    }
    const results: StreamResult[] = [];
    try {
      for (const request of body.requests as unknown[]) {
        bump(counts.requests, String((request as { type?: unknown } | null)?.type));
        results.push(await handleStreamRequest(stream, request, version));
      }
    } catch (error) {
      registry.discard(stream);
      return sendFailure(res, error);
    }
    const baton = registry.release(stream);
    send(res, 200, 'application/json', JSON.stringify({ baton, base_url: null, results }));
  }

  function sendFailure(res: ServerResponse, error: unknown) {
    if (error instanceof ProtocolError) {
      protocolErrors += 1;
      return send(res, 400, 'text/plain', error.message);
    }
    if (error instanceof StreamExpiredError) {
      return send(res, 500, 'application/json', JSON.stringify({ message: error.message, code: error.code }));
    }
    throw error;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    bump(counts.endpoints, `${req.method} ${path}`);
    options.log?.debug({ method: req.method, path }, 'libsql emulator request');
    const version = PIPELINES[path];
    if (version !== undefined && req.method === 'POST') return handlePipeline(req, res, version);
    if (req.method === 'GET' && (path === '/v2' || path === '/v3'))
      return send(res, 200, 'text/plain', HELLO);
    if (req.method === 'GET' && path === '/health') return send(res, 200, 'text/plain', '');
    if (req.method === 'GET' && path === '/version')
      return send(res, 200, 'text/plain', 'atelier-libsql-emulator');
    send(res, 404, 'text/plain', '');
  }

  const server = createServer(
    safeListener(handle, {
      onError: (error) => options.log?.error({ err: error }, 'libsql emulator: request failed'),
      internalError: (res) => send(res, 500, 'text/plain', 'Internal Server Error'),
    }),
  );
  const listenUrl = await listenForUrl(server, options.port, options.host);

  return {
    url: listenUrl,
    libsqlUrl: `${listenUrl.replace(/^http:/, 'libsql:')}?tls=0`,
    file,
    stats: () => ({
      endpoints: { ...counts.endpoints },
      requests: { ...counts.requests },
      streamsOpened: registry.openedTotal,
      openStreams: registry.openCount,
      unauthorized,
      protocolErrors,
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      registry.closeAll();
      keeper.close();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}

/** Exact content types: the client only parses an error body whose type is exactly application/json. */
function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
