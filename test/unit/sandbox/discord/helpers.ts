import type { DiscordEmulator } from '../../../../sandbox/discord/index.js';

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary Discord JSON
  body: any;
  headers: Headers;
}

/** A REST call below /api/v10 with the bot token (or none: `auth: false`), as @discordjs/rest makes it. */
export async function api(
  emulator: DiscordEmulator,
  method: string,
  path: string,
  body?: unknown,
  options: { auth?: boolean | string; form?: FormData } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.auth !== false)
    headers.authorization = `Bot ${typeof options.auth === 'string' ? options.auth : emulator.botToken}`;
  let payload: FormData | string | undefined;
  if (options.form) payload = options.form;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${emulator.apiUrl}/v10${path}`, {
    method,
    headers,
    ...(payload ? { body: payload } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** The first bytes of a PNG of the given size: enough for anything that reads its header. */
export function pngHeader(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  bytes.writeUInt32BE(0x89504e47, 0);
  bytes.writeUInt32BE(0x0d0a1a0a, 4);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Frame {
  op: number;
  t: string | null;
  s: number | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary gateway payloads
  d: any;
}

/** A bare gateway client: records every frame and waits for the ones a test expects. */
export class GatewayProbe {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly ws: import('ws').WebSocket) {
    ws.on('message', (raw) => {
      this.frames.push(JSON.parse(String(raw)) as Frame);
      for (const listener of this.listeners) listener();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const listener of this.listeners) listener();
    });
  }

  static async open(url: string): Promise<GatewayProbe> {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${url}?v=10&encoding=json`);
    const probe = new GatewayProbe(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return probe;
  }

  send(op: number, d: unknown): void {
    this.ws.send(JSON.stringify({ op, d }));
  }

  identify(token: string, intents: number, shard?: [number, number]): void {
    this.send(2, {
      token,
      intents,
      properties: { os: 'linux', browser: 'probe', device: 'probe' },
      ...(shard ? { shard } : {}),
    });
  }

  dispatches(event: string): Frame[] {
    return this.frames.filter((f) => f.op === 0 && f.t === event);
  }

  /** Resolves with the first frame (from the start) matching, or when the socket closed if `closed`. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = 2000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.frames.find(match);
        if (!hit) return;
        done();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error('GatewayProbe: no matching frame'));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  waitForClose(timeoutMs = 2000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.closeCode === null) return;
        done();
        resolve(this.closeCode);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error('GatewayProbe: socket stayed open'));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  async close(code = 1000): Promise<void> {
    if (this.closeCode !== null) return;
    this.ws.close(code);
    await this.waitForClose();
  }
}
