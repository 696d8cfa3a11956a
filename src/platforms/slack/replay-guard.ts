import type { App, BufferedIncomingMessage } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { SeenKeys } from '../../core/ports.js';

/** Context keys the receivers fill in (customPropertiesExtractor) for the replay guard. */
const SIGNATURE = 'atelierSignature';
const TIMESTAMP = 'atelierTimestamp';
const ENVELOPE = 'atelierEnvelopeId';

/** Bolt accepts a signed request until five minutes after its timestamp (receivers/verify-request.js). */
const WINDOW_MS = 5 * 60_000;
/** Room for replicas whose clocks differ a little. */
const MARGIN_MS = 60_000;
/** A timestamp far in the future (Bolt accepts those) is not remembered for longer than this. */
const MAX_TTL_MS = 60 * 60_000;

const header = (req: BufferedIncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** HTTPReceiver's customPropertiesExtractor: the request's signature and timestamp, for the guard. */
export const signedRequestProperties = (req: BufferedIncomingMessage) => ({
  [SIGNATURE]: header(req, 'x-slack-signature'),
  [TIMESTAMP]: header(req, 'x-slack-request-timestamp'),
});

/** SocketModeReceiver's customPropertiesExtractor: Socket Mode has no signatures; envelopes have ids. */
export const socketEnvelopeProperties = (args: { envelope_id?: unknown }) => ({
  [ENVELOPE]: typeof args.envelope_id === 'string' ? args.envelope_id : undefined,
});

/**
 * True when a request signed `signature` at `timestamp` (X-Slack-Signature, X-Slack-Request-Timestamp) was
 * seen before: someone captured it and sent it again. Slack signs each delivery afresh (its Events API retries
 * too), so a pair repeats only in a replay. The pair is remembered for as long as Bolt would accept the request.
 */
export async function isReplayedRequest(
  seen: SeenKeys,
  signature: string,
  timestamp: string,
  nowMs: number,
): Promise<boolean> {
  const sentAtMs = Number(timestamp) * 1000;
  const acceptedFor = Number.isFinite(sentAtMs) ? sentAtMs + WINDOW_MS - nowMs : WINDOW_MS;
  const ttlMs = Math.min(Math.max(acceptedFor, 0), MAX_TTL_MS) + MARGIN_MS;
  return !(await seen.claim(`slack:request:${timestamp}:${signature}`, ttlMs));
}

/** What kind of request a body is, for the log (never its content). */
function kindOf(body: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.command === 'string') return `command ${b.command}`;
  if (typeof b.type === 'string') return b.type;
  return 'unknown';
}

/** One warning for the first dropped replay, then at most one a minute with how many followed. */
function createDropReport(log: Logger) {
  let since = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    dropped(kind: string) {
      log.debug({ kind }, 'replayed Slack request dropped');
      if (timer) {
        since++;
        return;
      }
      log.warn({ kind }, 'replayed Slack request dropped: the same signed request was already handled');
      timer = setInterval(() => {
        if (since > 0) log.warn({ count: since }, 'replayed Slack requests dropped in the last minute');
        else {
          clearInterval(timer);
          timer = undefined;
        }
        since = 0;
      }, 60_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

/**
 * Global middleware, first in the chain: a request already handled (same signature and timestamp over HTTP,
 * same envelope over Socket Mode) is answered 200 with an empty body, as Slack expects for a duplicate, and
 * goes no further, so nothing is done or shown twice. Returns a stop function (the report's timer).
 */
export function installReplayGuard(app: App, seen: SeenKeys, log: Logger, now = Date.now): () => void {
  const report = createDropReport(log);
  app.use(async (args) => {
    const { context, body, next } = args;
    const signature = context[SIGNATURE];
    const timestamp = context[TIMESTAMP];
    const envelope = context[ENVELOPE];
    let replay = false;
    if (typeof signature === 'string' && typeof timestamp === 'string')
      replay = await isReplayedRequest(seen, signature, timestamp, now());
    else if (typeof envelope === 'string')
      replay = !(await seen.claim(`slack:envelope:${envelope}`, WINDOW_MS + MARGIN_MS));
    if (!replay) {
      await next();
      return;
    }
    report.dropped(kindOf(body));
    // Events were acknowledged by Bolt already; everything else gets its empty 200 here.
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  });
  return report.stop;
}
