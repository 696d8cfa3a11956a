import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../src/web/http-io.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a request to a sandbox control route (the page server, the emulators' /_emulator/…) must be refused,
 * or undefined when it may go on. Any web page the user visits can send requests to loopback: a
 * cross-origin "simple" POST (text/plain, no preflight) used to drive the user simulators, e.g. pause
 * generation as an admin. So:
 * - Host must name this server on loopback (a DNS-rebound name such as evil.example:4000 is refused);
 * - Origin, when the browser sends one, must be this server's own origin, http://<Host>;
 * - writes must be `application/json`, which a page can only send cross-origin after a CORS preflight
 *   (Fetch standard, "CORS-safelisted request-header": content-type is safelisted only for
 *   application/x-www-form-urlencoded, multipart/form-data and text/plain), which we never grant.
 */
export function controlRefusal(req: IncomingMessage): { status: 403 | 415; error: string } | undefined {
  const host = req.headers.host?.toLowerCase() ?? '';
  if (!isOwnLoopbackHost(host, req.socket.localPort))
    return { status: 403, error: 'the sandbox answers only on its own loopback address' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`)
    return { status: 403, error: 'cross-origin requests are refused' };
  if (WRITES.has(req.method ?? '') && mediaType(req) !== 'application/json')
    return { status: 415, error: 'send JSON (content-type: application/json)' };
  return undefined;
}

/** Answers the refusal (JSON) and returns true when the request must not go on. */
export function refuseForeignControl(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = controlRefusal(req);
  if (!refusal) return false;
  sendJson(res, refusal.status, { error: refusal.error });
  return true;
}

function isOwnLoopbackHost(host: string, localPort: number | undefined): boolean {
  const colon = host.lastIndexOf(':');
  if (colon <= 0 || host.endsWith(']')) return false;
  return LOOPBACK_NAMES.has(host.slice(0, colon)) && host.slice(colon + 1) === String(localPort);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
