import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_SESSION_MS,
  authenticate,
  readCookie,
  signAdminCookie,
  tokenMatches,
  verifyAdminCookie,
} from '../../../../src/web/admin/admin-auth.js';

const TOKEN = 'a-dashboard-token-of-32-chars!!';
const NOW = Date.UTC(2026, 0, 15, 12);
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const auth = (path: string, headers: Record<string, string> = {}, secure = false) =>
  authenticate(request(headers), new URL(path, 'http://x'), { token: TOKEN, now: NOW, secure });

describe('tokenMatches', () => {
  it('accepts the token only, whatever the length of the guess', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    for (const guess of ['', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}`])
      expect(tokenMatches(guess, TOKEN)).toBe(false);
  });
});

describe('session cookie', () => {
  it('holds an expiry and an HMAC, never the token, and verifies until it expires', () => {
    const value = signAdminCookie(TOKEN, NOW + ADMIN_SESSION_MS);
    expect(value).toMatch(/^v1\.\d+\.[\w-]{43}$/);
    expect(value).not.toContain(TOKEN);
    expect(verifyAdminCookie(value, TOKEN, NOW)).toBe(true);
    expect(verifyAdminCookie(value, TOKEN, NOW + ADMIN_SESSION_MS)).toBe(false);
    expect(verifyAdminCookie(value, 'another-token-0123456789', NOW)).toBe(false);
  });

  it('refuses tampered, malformed and missing values', () => {
    const value = signAdminCookie(TOKEN, NOW + 1000 * 60);
    const [v, exp, mac] = value.split('.') as [string, string, string];
    for (const bad of [
      `${v}.${Number(exp) + 3600}.${mac}`,
      `${v}.${exp}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `v2.${exp}.${mac}`,
      `${v}.${exp}`,
      TOKEN,
      '',
      undefined,
    ])
      expect(verifyAdminCookie(bad, TOKEN, NOW), String(bad)).toBe(false);
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; atelier_admin=v1.2.x; b=3', 'atelier_admin')).toBe('v1.2.x');
    expect(readCookie('xatelier_admin=1', 'atelier_admin')).toBeUndefined();
    expect(readCookie(undefined, 'atelier_admin')).toBeUndefined();
  });
});

describe('authenticate', () => {
  it('accepts a Bearer token and refuses any other Authorization, even beside a valid cookie', () => {
    const cookie = `atelier_admin=${signAdminCookie(TOKEN, NOW + 60_000)}`;
    expect(auth('/admin', { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'ok' });
    expect(auth('/admin', { authorization: `bearer  ${TOKEN} ` })).toEqual({ kind: 'ok' });
    expect(auth('/admin', { authorization: 'Bearer nope', cookie })).toEqual({ kind: 'denied' });
    expect(auth('/admin', { authorization: `Token ${TOKEN}` })).toEqual({ kind: 'denied' });
    expect(auth('/admin', { cookie })).toEqual({ kind: 'ok' });
    expect(auth('/admin')).toEqual({ kind: 'denied' });
  });

  it('turns a valid ?token= into a cookie and a location without the token (other parameters kept)', () => {
    const result = auth(`/admin?range=24h&token=${encodeURIComponent(TOKEN)}&model=a%2Fb`);
    expect(result.kind).toBe('login');
    if (result.kind !== 'login') return;
    expect(result.location).toBe('/admin?range=24h&model=a%2Fb');
    const [pair, ...attributes] = result.cookie.split('; ');
    expect(verifyAdminCookie(pair!.replace('atelier_admin=', ''), TOKEN, NOW)).toBe(true);
    expect(attributes).toEqual(['Max-Age=43200', 'Path=/admin', 'HttpOnly', 'SameSite=Strict']);
    const secure = auth(`/admin/usage.json?token=${encodeURIComponent(TOKEN)}`, {}, true);
    expect(secure).toMatchObject({ kind: 'login', location: '/admin/usage.json' });
    expect(secure.kind === 'login' && secure.cookie.endsWith('; Secure')).toBe(true);
  });

  it('refuses a wrong ?token= even with a valid cookie', () => {
    const cookie = `atelier_admin=${signAdminCookie(TOKEN, NOW + 60_000)}`;
    expect(auth('/admin?token=wrong', { cookie })).toEqual({ kind: 'denied' });
  });
});
