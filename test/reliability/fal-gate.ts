import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forward.js';

/**
 * A pass-through in front of the fal emulator that the tests steer: it slows result-image downloads (so
 * jobs stay observable in 'storing') and can hold submits, either before they reach fal or after fal
 * accepted them (the answer never reaches the bot: the crash window between fal's accept and our write).
 * Use `url` as FAL_QUEUE_URL and as the emulator's `publicUrl`, so media and status URLs come here too.
 */
export interface FalGate {
  readonly url: string;
  /** Where requests go; set once the emulator is up (it needs the gate's URL first). */
  setTarget(url: string): void;
  /** Delay before each GET /media/… is forwarded. */
  setMediaDelay(ms: number): void;
  /** 'pass' forwards submits; 'hold' keeps new ones here, unsent; 'swallow' sends them and keeps fal's answer. */
  setSubmitMode(mode: 'pass' | 'hold' | 'swallow'): void;
  /** Submits currently held (not yet sent to fal) and answers kept from the bot. */
  held(): { requests: number; answers: number };
  close(): Promise<void>;
}

const isSubmit = (req: IncomingMessage, path: string) =>
  req.method === 'POST' && !path.startsWith('/_emulator/') && !path.includes('/requests/');

export async function startFalGate(): Promise<FalGate> {
  let target: URL | undefined;
  let mediaDelayMs = 0;
  let mode: 'pass' | 'hold' | 'swallow' = 'pass';
  const heldRequests = new Set<() => void>();
  let heldAnswers = 0;

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, keepAnswer: boolean) => {
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    // Kept: fal has the job; the bot never hears of it (until it gives up on the socket).
    forwardRequest(req, res, target, body, keepAnswer ? () => heldAnswers++ : undefined);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://gate').pathname;
      if (isSubmit(req, path)) {
        if (mode === 'swallow') return forward(req, res, body, true);
        if (mode === 'hold') {
          const release = () => {
            heldRequests.delete(release);
            forward(req, res, body, false);
          };
          heldRequests.add(release);
          res.on('close', () => heldRequests.delete(release));
          return;
        }
        return forward(req, res, body, false);
      }
      if (path.startsWith('/media/') && mediaDelayMs > 0) {
        setTimeout(() => forward(req, res, body, false), mediaDelayMs);
        return;
      }
      forward(req, res, body, false);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(url) {
      target = new URL(url);
    },
    setMediaDelay(ms) {
      mediaDelayMs = ms;
    },
    setSubmitMode(next) {
      mode = next;
      if (next === 'pass') for (const release of [...heldRequests]) release();
    },
    held: () => ({ requests: heldRequests.size, answers: heldAnswers }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
