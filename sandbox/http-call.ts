import { type RequestOptions, request } from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * One request through node:http, the body read whole. The Slack emulator delivers with it and the bench
 * times it. `target` is host, port and path rather than a URL: parsing one per request showed in the bench's
 * figure (~10 %). In a burst it costs a fraction of fetch (which kept the Slack emulator, timing every ack, 100 %
 * busy for seconds while the bot answered each request 1–12 ms after reading it; both profiled).
 */
export function httpCall(target: RequestOptions, body: string): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(target, (res) => {
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
