import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallMatcher = (method: string, path: string) => boolean;

/**
 * A pass-through in front of a chat emulator's Web API that can let a call through and keep its answer
 * from the bot: the call took effect (a message was posted or edited) but the bot never learns of it,
 * exactly as when the bot dies while the answer is on its way.
 */
export interface HttpGate {
  readonly url: string;
  /** Calls matching are forwarded; their answers are kept here until the bot gives up on them. */
  swallow(match: CallMatcher | undefined): void;
  /** Answers kept so far. */
  swallowed(): number;
  close(): Promise<void>;
}

export async function startHttpGate(target: string): Promise<HttpGate> {
  const base = new URL(target);
  let matcher: CallMatcher | undefined;
  let swallowed = 0;

  const server = createServer((req: IncomingMessage, res) => {
    const keep = matcher?.(req.method ?? 'GET', decodeURIComponent(new URL(req.url ?? '/', base).pathname));
    const headers = { ...req.headers, host: base.host };
    delete headers.connection;
    const upstream = request(
      new URL(req.url ?? '/', base),
      { method: req.method ?? 'GET', headers },
      (answer) => {
        if (keep) {
          swallowed++;
          answer.resume();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    swallow(match) {
      matcher = match;
    },
    swallowed: () => swallowed,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
