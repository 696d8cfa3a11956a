import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

// Any authority works: origin-form targets are appended to it, so they can never name a host of their own.
const BASE = 'http://localhost';

/**
 * The request target as a URL, or undefined when no route of ours can take it. Origin-form (`/path?q`) is
 * read as a path even when it starts with `//` (`new URL('//x', base)` would make `x` a host, and `//[`
 * throws); absolute-form (`http://host/path`, which servers must accept: RFC 9112 §3.2.2) routes by its
 * path and query only. Asterisk-form, authority-form (CONNECT) and garbage are undefined.
 */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  if (!target) return undefined;
  try {
    if (target.startsWith('/')) return new URL(BASE + target);
    if (/^https?:\/\//i.test(target)) {
      const absolute = new URL(target);
      return new URL(BASE + absolute.pathname + absolute.search);
    }
  } catch {
    // An invalid host or port in the absolute form.
  }
  return undefined;
}

export type SafeHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface SafeListenerOptions {
  /** Told about every handler failure (to log it). */
  onError(error: unknown, req: IncomingMessage): void;
  /** Answers a failed request whose headers are not sent yet (each server in its own error shape). */
  internalError(res: ServerResponse): void;
}

/**
 * A request listener that cannot throw: a target no URL parser takes is answered 400 before any route sees
 * it, and a handler that throws or rejects is answered by `internalError` (or its connection is closed when
 * the answer had begun). Whatever the failure, even in the error path itself, the response ends.
 */
export function safeListener(handle: SafeHandler, options: SafeListenerOptions): RequestListener {
  return (req, res) => {
    const fail = (error: unknown) => {
      try {
        options.onError(error, req);
        if (!res.headersSent) options.internalError(res);
      } catch {
        // The error path failed too; the connection still closes below.
      }
      if (!res.writableEnded) res.destroy();
    };
    try {
      const url = parseRequestTarget(req.url);
      if (!url) {
        const text = 'Bad request target';
        res.writeHead(400, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
          connection: 'close',
        });
        res.end(text);
        return;
      }
      const pending = handle(req, res, url);
      if (pending) pending.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
