import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../src/core/logger.js';
import { safeListener } from '../../src/web/safe-listener.js';
import { listenForUrl } from '../listen.js';
import { sendJson } from './http-io.js';

export interface HttpServerOptions {
  port: number;
  host: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  log?: Logger | undefined;
}

/** Listens (a handler that throws is answered 500, a bad target 400); resolves with the bound base URL. */
export async function listen(options: HttpServerOptions): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer(
    safeListener(options.handle, {
      onError: (error) => options.log?.error({ err: error }, 'slack emulator: request failed'),
      internalError: (res) => sendJson(res, 500, { ok: false, error: 'internal_error' }),
    }),
  );
  server.on('upgrade', (req, socket, head) => {
    try {
      options.upgrade(req, socket, head);
    } catch (error) {
      options.log?.error({ err: error }, 'slack emulator: upgrade failed');
      socket.destroy();
    }
  });
  return { server, baseUrl: await listenForUrl(server, options.port, options.host) };
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
