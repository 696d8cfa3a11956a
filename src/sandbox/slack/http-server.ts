import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../core/logger.js';
import { listenForUrl } from '../listen.js';
import { sendJson } from './http-io.js';

export interface HttpServerOptions {
  port: number;
  host: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  log?: Logger | undefined;
}

/** Listens and answers 500 for a handler that throws; resolves with the bound base URL. */
export async function listen(options: HttpServerOptions): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    options.handle(req, res).catch((error: unknown) => {
      options.log?.error({ err: error }, 'slack emulator: request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.destroy();
    });
  });
  server.on('upgrade', options.upgrade);
  return { server, baseUrl: await listenForUrl(server, options.port, options.host) };
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
