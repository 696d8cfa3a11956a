import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const ADMIN_PATH = '/admin';
export const ADMIN_COOKIE = 'atelier_admin';
/** How long the browser session a `?token=` link opens lasts. */
export const ADMIN_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * Constant time whatever the lengths: both sides are hashed to 32 bytes first, so neither the content nor
 * the length of the token leaks through timing.
 */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

// Keyed by the token itself: rotating DASHBOARD_TOKEN ends every session, and the cookie never holds the token.
const cookieMac = (token: string, exp: number) =>
  createHmac('sha256', token).update(`atelier-admin-session-v1:${exp}`).digest('base64url');

/** `v1.<exp seconds>.<hmac>`: proves the holder once presented the token, until exp. */
export function signAdminCookie(token: string, expiresAt: number): string {
  const exp = Math.floor(expiresAt / 1000);
  return `v1.${exp}.${cookieMac(token, exp)}`;
}

export function verifyAdminCookie(value: string | undefined, token: string, now: number): boolean {
  const match = value ? /^v1\.(\d{1,12})\.([\w-]{43})$/.exec(value) : null;
  if (!match) return false;
  const exp = Number(match[1]);
  const expected = Buffer.from(cookieMac(token, exp));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) && now < exp * 1000;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type AdminAuth =
  | { kind: 'ok' }
  /** A valid one-time `?token=`: set the session cookie and redirect to `location` (the URL without it). */
  | { kind: 'login'; location: string; cookie: string }
  | { kind: 'denied' };

export interface AdminAuthOptions {
  token: string;
  now: number;
  /** Add `Secure` to the cookie (the dashboard is reached over https). */
  secure: boolean;
}

/** Bearer header, then a `?token=` link, then the session cookie. A wrong token is refused whatever else is sent. */
export function authenticate(req: IncomingMessage, url: URL, options: AdminAuthOptions): AdminAuth {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    return bearer !== undefined && tokenMatches(bearer, options.token) ? { kind: 'ok' } : { kind: 'denied' };
  }
  const linkToken = url.searchParams.get('token');
  if (linkToken !== null) {
    if (!tokenMatches(linkToken, options.token)) return { kind: 'denied' };
    const rest = new URLSearchParams(url.searchParams);
    rest.delete('token');
    const query = rest.toString();
    const cookie = [
      `${ADMIN_COOKIE}=${signAdminCookie(options.token, options.now + ADMIN_SESSION_MS)}`,
      `Max-Age=${ADMIN_SESSION_MS / 1000}`,
      `Path=${ADMIN_PATH}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(options.secure ? ['Secure'] : []),
    ].join('; ');
    return { kind: 'login', location: url.pathname + (query ? `?${query}` : ''), cookie };
  }
  const session = readCookie(req.headers.cookie, ADMIN_COOKIE);
  return verifyAdminCookie(session, options.token, options.now) ? { kind: 'ok' } : { kind: 'denied' };
}

/** Whether the request offers any credential: a refusal without one is a visit, not a guess. */
export function presentsCredential(req: IncomingMessage, url: URL): boolean {
  return (
    req.headers.authorization !== undefined ||
    url.searchParams.has('token') ||
    readCookie(req.headers.cookie, ADMIN_COOKIE) !== undefined
  );
}
