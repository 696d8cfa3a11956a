import { type IncomingMessage, request, type ServerResponse } from 'node:http';

/**
 * Forwards one request to `target` (an http:// URL) and streams the answer back, server-sent events
 * included: the page talks to one origin, the emulators keep their own control APIs.
 */
export function proxyRequest(req: IncomingMessage, res: ServerResponse, target: URL): Promise<void> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-length', 'accept', 'last-event-id']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = request(target, { method: req.method ?? 'GET', headers }, (answer) => {
      const forwarded: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !name.startsWith('access-control-') && name !== 'connection')
          forwarded[name] = value;
      }
      if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
        forwarded['x-accel-buffering'] = 'no';
        res.socket?.setNoDelay(true);
      }
      res.writeHead(answer.statusCode ?? 502, forwarded);
      answer.pipe(res);
      answer.on('end', () => resolve());
      answer.on('error', () => {
        res.destroy();
        resolve();
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'emulator unreachable' }));
      } else res.destroy();
      resolve();
    });
    // The browser closing an event stream must end the upstream one too.
    res.on('close', () => {
      upstream.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}
