/**
 * /admin limits failed sign-ins per client address: 540 wrong tokens a second used to be answered (and
 * each logged). After 10 failures in a minute an address gets 429 with Retry-After until the minute
 * ends, the right token included; failures are logged once per address per window, with the count.
 */
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminCookie } from '../../../src/web/admin/admin-auth.js';
import { registerAdminRoutes } from '../../../src/web/admin/register-admin-routes.js';
import { clientKey, createSignInLimit } from '../../../src/web/admin/sign-in-limit.js';
import { createWebServer, type WebServer } from '../../../src/web/server.js';

const TOKEN = 'the-right-dashboard-token-0123456789';
type Line = Record<string, unknown> & { msg: string };

function capture() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

/** GET over node:http, from `localAddress` (127.0.0.2 is another loopback address on Linux). */
function get(port: number, path: string, headers: Record<string, string> = {}, localAddress = '127.0.0.1') {
  return new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, localAddress }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('failed /admin sign-ins per client address', () => {
  const { lines, log } = capture();
  let now = 1_800_000_000_000;
  let web: WebServer;
  let port: number;
  const failures = () => lines.filter((l) => l.msg === 'dashboard sign-in failures');

  beforeAll(async () => {
    web = createWebServer(pino({ level: 'silent' }));
    registerAdminRoutes(web, {
      source: { report: () => Promise.reject(new Error('not read in these tests')) },
      token: TOKEN,
      publicBaseUrl: 'http://127.0.0.1',
      log,
      clock: { now: () => now },
    });
    ({ port } = await web.listen(0, '127.0.0.1'));
  });
  afterAll(() => web?.close());

  it('locks an address out after 10 failures until the window ends, then logs one line with the count', async () => {
    // Visits without any credential are not guesses.
    for (let i = 0; i < 15; i++) expect((await get(port, '/admin')).status).toBe(401);
    const wrong: Array<[string, Record<string, string>]> = [
      ['/admin', { authorization: 'Bearer wrong-token-000000000' }],
      ['/admin?token=wrong-token-000000000', {}],
      [
        '/admin/usage.json',
        { cookie: `atelier_admin=${signAdminCookie('another-token-000000', now + 60_000)}` },
      ],
    ];
    for (let i = 0; i < 10; i++) {
      const [path, headers] = wrong[i % wrong.length]!;
      expect((await get(port, path, headers)).status, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await get(port, '/admin', { authorization: 'Bearer wrong-token-000000000' });
    expect(locked).toMatchObject({ status: 429, retryAfter: '60' });
    // Locked out means locked out: the right token waits too (a guesser learns nothing meanwhile).
    expect((await get(port, `/admin?token=${TOKEN}`)).status).toBe(429);
    const json = await get(port, '/admin/usage.json', { authorization: `Bearer ${TOKEN}` });
    expect(json.status).toBe(429);
    expect(JSON.parse(json.body)).toEqual({ error: 'too_many_attempts', retryAfter: 60 });
    // Another address is not affected.
    expect((await get(port, `/admin?token=${TOKEN}`, {}, '127.0.0.2')).status).toBe(303);

    now += 45_000;
    expect(await get(port, '/admin')).toMatchObject({ status: 429, retryAfter: '15' });
    // Nothing logged per attempt.
    expect(failures()).toEqual([]);
    expect(lines.filter((l) => l.msg === 'dashboard request refused')).toEqual([]);

    now += 15_000;
    expect((await get(port, `/admin?token=${TOKEN}`)).status).toBe(303);
    expect(failures()).toEqual([
      expect.objectContaining({
        level: 40,
        address: '127.0.0.1',
        failures: 10,
        lockedOut: true,
        refusedWhileLocked: 4,
        windowSeconds: 60,
      }),
    ]);
  });
});

describe('the sign-in limit', () => {
  it('logs a window nobody revisits when swept, and drops the oldest address past its bound', () => {
    const { lines, log } = capture();
    const limit = createSignInLimit(log, { limit: 3, windowMs: 1_000, maxAddresses: 2 });
    for (let i = 0; i < 5; i++) limit.failed('203.0.113.7', 0);
    expect(limit.lockedFor('203.0.113.7', 400)).toBe(1);
    limit.failed('198.51.100.1', 10);
    limit.failed('2001:db8::1', 20);
    expect(limit.tracked).toBe(2);
    expect(lines.map((l) => [l.address, l.failures])).toEqual([['203.0.113.7', 5]]);
    limit.sweep(1_010);
    expect(lines.map((l) => [l.address, l.failures])).toEqual([
      ['203.0.113.7', 5],
      ['198.51.100.1', 1],
    ]);
    expect(limit.lockedFor('2001:db8::1', 1_019)).toBeUndefined();
  });

  it('counts an IPv6 /64 as one client and IPv4-mapped addresses as IPv4', () => {
    expect(clientKey('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(clientKey('192.0.2.9')).toBe('192.0.2.9');
    expect(clientKey('2001:db8:0:1::ab')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
