import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export type BotReply = { status?: number; body?: string; contentType?: string; delayMs?: number };

/** A bare HTTP endpoint standing in for a bot's request URL: records requests, answers as told. */
export async function startFakeBot(reply: (req: BotRequest, index: number) => BotReply = () => ({})) {
  const requests: BotRequest[] = [];
  let answer = reply;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const {
        status = 200,
        body = '',
        contentType = 'application/json',
        delayMs = 0,
      } = answer(request, requests.length - 1);
      setTimeout(() => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(body);
      }, delayMs);
    });
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    /** TCP connections the emulator has opened so far. */
    connections: () => connections,
    setReply(next: typeof reply) {
      answer = next;
    },
    /** The parsed payload of an interactive request (payload=<json>) or the fields of a command. */
    form(index: number): Record<string, string> {
      return Object.fromEntries(new URLSearchParams(requests[index]?.body ?? ''));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeBot = Awaited<ReturnType<typeof startFakeBot>>;
