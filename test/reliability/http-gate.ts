import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forward.js';

export type CallMatcher = (method: string, path: string) => boolean;
/** Like CallMatcher, with the request body (URL-decoded when it is a form). */
export type BodyMatcher = (method: string, path: string, body: string) => boolean;

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
  /**
   * Calls matching are never forwarded and never answered (the bot is left waiting, as when it dies
   * before its call leaves).
   */
  hold(match: BodyMatcher | undefined): void;
  /** Calls held so far. */
  held(): number;
  close(): Promise<void>;
}

export async function startHttpGate(target: string): Promise<HttpGate> {
  const base = new URL(target);
  let matcher: CallMatcher | undefined;
  let holder: BodyMatcher | undefined;
  let swallowed = 0;
  let held = 0;

  const server = createServer((req: IncomingMessage, res) => {
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(new URL(req.url ?? '/', base).pathname);
    if (!holder) {
      forward(req, res, method, path);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const readable = req.headers['content-type']?.includes('form-urlencoded')
        ? decodeURIComponent(text.replace(/\+/g, ' '))
        : text;
      if (holder?.(method, path, readable)) {
        held++;
        return;
      }
      forward(req, res, method, path, body);
    });
  });

  function forward(req: IncomingMessage, res: ServerResponse, method: string, path: string, body?: Buffer) {
    const keep = matcher?.(method, path);
    forwardRequest(req, res, base, body, keep ? () => swallowed++ : undefined);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    swallow(match) {
      matcher = match;
    },
    swallowed: () => swallowed,
    hold(match) {
      holder = match;
    },
    held: () => held,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
