import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code of the first status line, or undefined when none came (closed, or timed out). */
  status: number | undefined;
  /** Everything read until the answer was complete, the connection closed or the time ran out. */
  text: string;
  /** How it ended: 'answered' once a status line came, else 'closed' or 'timeout'. */
  outcome: 'answered' | 'closed' | 'timeout';
}

export interface RawRequest {
  port: number;
  /** Sent exactly as given: node:net does not normalise anything (fetch and node:http would). */
  head: string;
  body?: Buffer | string;
  /** Give up waiting for a status line after this long (default 2 s). */
  timeoutMs?: number;
}

/**
 * One HTTP request written byte for byte to a socket. Resolves at the first complete status line (the
 * rest of an answer, e.g. an event stream, is not waited for) or when the server closes or stays silent.
 * Errors writing (a server that answered 413 and closed halfway through a large body) are not failures.
 */
export function rawRequest(request: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: request.port });
    let text = '';
    let done = false;
    const finish = (outcome: RawAnswer['outcome']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, text, outcome });
    };
    const timer = setTimeout(() => finish('timeout'), request.timeoutMs ?? 2_000);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (/^HTTP\/1\.[01] \d{3}[^\r\n]*\r\n/.test(text)) finish('answered');
    });
    socket.on('error', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('connect', () => {
      socket.write(request.head, 'latin1');
      if (request.body !== undefined) socket.write(request.body);
    });
  });
}

/**
 * A request head: request line, headers (Host first unless given; a null value leaves a header out, so
 * `{ Host: null }` sends none), blank line.
 */
export function head(
  method: string,
  target: string,
  headers: Record<string, string | null> = {},
  port?: number,
): string {
  const lines = [`${method} ${target} HTTP/1.1`];
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'host') && port !== undefined)
    lines.push(`Host: 127.0.0.1:${port}`);
  for (const [name, value] of Object.entries(headers)) if (value !== null) lines.push(`${name}: ${value}`);
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'connection')) lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}
