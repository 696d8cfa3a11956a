import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';
import { sendText } from './http-io.js';
import { parseRequestTarget, type SafeHandler, safeListener } from './safe-listener.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

interface Route {
  method: string;
  /** Exact path, or a prefix when it ends with '/'. */
  path: string;
  handler: RouteHandler;
}

/** The bot's one HTTP server: routes are registered by whoever owns them (web pages, Slack, metrics). */
export function createWebServer(log: Logger) {
  const routes: Route[] = [];
  const dispatch: SafeHandler = (req, res, url) => {
    const route = routes.find(
      (r) =>
        (r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) &&
        (r.path.endsWith('/') ? url.pathname.startsWith(r.path) : url.pathname === r.path),
    );
    if (!route) {
      const known = routes.some((r) =>
        r.path.endsWith('/') ? url.pathname.startsWith(r.path) : url.pathname === r.path,
      );
      sendText(res, known ? 405 : 404, known ? 'Method not allowed' : 'Not found');
      return;
    }
    return route.handler(req, res, url);
  };
  // Anyone on the internet reaches this listener: no request may take the process down.
  const server: Server = createServer(
    safeListener(dispatch, {
      onError: (error, req) =>
        log.error({ err: error, path: parseRequestTarget(req.url)?.pathname }, 'web handler failed'),
      internalError: (res) => sendText(res, 500, 'Internal error'),
    }),
  );
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;

  return {
    server,
    route(method: string, path: string, handler: RouteHandler) {
      routes.push({ method, path, handler });
    },
    listen(port: number, host: string): Promise<AddressInfo> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
    },
  };
}

export type WebServer = ReturnType<typeof createWebServer>;

export { readBody, sendJson } from './http-io.js';
