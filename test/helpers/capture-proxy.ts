import { once } from 'node:events';
import { createServer } from 'node:http';

export interface CapturedRequest {
  body: string;
  /** content-type and the x-slack-* headers, exactly as sent. */
  headers: Record<string, string>;
}

export interface CaptureProxy {
  /** http://127.0.0.1:PORT/slack/events */
  url: string;
  readonly captured: readonly CapturedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP hop in front of the bot that records each request it forwards (what someone on the path
 * could capture) and answers with the bot's answer.
 */
export async function startCaptureProxy(target: () => string): Promise<CaptureProxy> {
  const captured: CapturedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if ((name === 'content-type' || name.startsWith('x-slack-')) && typeof value === 'string')
        headers[name] = value;
    captured.push({ body, headers });
    try {
      const answer = await fetch(target(), { method: 'POST', headers, body });
      const type = answer.headers.get('content-type');
      res.writeHead(answer.status, type ? { 'content-type': type } : {}).end(await answer.text());
    } catch {
      res.writeHead(502).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  server.unref();
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('capture proxy: no port');
  return {
    url: `http://127.0.0.1:${address.port}/slack/events`,
    captured,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
