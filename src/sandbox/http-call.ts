import { type Agent, request } from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * One request through node:http, the body read whole. The Slack emulator delivers with it and the bench
 * times it: in a burst it costs a fraction of fetch (which kept the Slack emulator, timing every ack, 100 %
 * busy for seconds while the bot answered each request 1–12 ms after reading it; both profiled).
 */
export function httpCall(
  url: string,
  options: {
    method: string;
    headers: Record<string, string>;
    body: string;
    agent: Agent;
    signal?: AbortSignal;
  },
): Promise<HttpReply> {
  const { body, ...init } = options;
  return new Promise((resolve, reject) => {
    const req = request(url, init, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
