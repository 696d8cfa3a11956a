import { type IncomingMessage, request, type ServerResponse } from 'node:http';

/**
 * Sends a request on to `target` (its body already read, or piped when undefined) and the answer back.
 * With `keepAnswer`, the target gets the request but the caller never hears back: the answer is read,
 * dropped, and `keepAnswer` is called (as when the bot dies between its call and the reply).
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  body: Buffer | undefined,
  keepAnswer?: () => void,
): void {
  const headers = { ...req.headers, host: target.host };
  delete headers.connection;
  const upstream = request(
    new URL(req.url ?? '/', target),
    { method: req.method ?? 'GET', headers },
    (answer) => {
      if (keepAnswer) {
        keepAnswer();
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
  if (body) upstream.end(body);
  else req.pipe(upstream);
}
