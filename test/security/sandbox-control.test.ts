/**
 * The sandbox drives the real bot as any user, admins included, so no other web page may drive it. Any
 * site the user has open can send a "simple" cross-origin POST (text/plain, no preflight) to loopback: one
 * paused generation as the sandbox's admin. Control routes now require their own loopback Host, a
 * same-origin Origin when one is sent, and JSON on writes (which a page can only send cross-origin after
 * a preflight nobody grants).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PEOPLE } from '../../sandbox/sandbox-people.js';
import { startTestSandbox } from '../helpers/browser.js';
import { head, rawRequest } from '../helpers/raw-http.js';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;
const ADA = SANDBOX_PEOPLE.find((p) => p.admin)!;

describe('sandbox control routes', () => {
  let sb: TestSandbox;
  let origin: string;
  let pause: string;

  beforeAll(async () => {
    sb = await startTestSandbox();
    origin = sb.url.replace(/\/$/, '');
    const general = sb.slack!.channels().find((c) => c.name === 'general')!.id;
    pause = JSON.stringify({ userId: ADA.slackId, channelId: general, command: '/atelier', text: 'pause' });
  }, 60_000);
  afterAll(() => sb?.close());

  const post = (base: string, path: string, body: string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers }).then((r) => r.status);

  it('refuses the cross-origin text/plain POST that paused generation as an admin, and anything not JSON', async () => {
    const delivered = sb.slack!.deliveries.length;
    const evil = 'https://evil.example';
    expect(
      await post(origin, '/x/slack/slash-command', pause, { 'content-type': 'text/plain', origin: evil }),
    ).toBe(403);
    expect(await post(origin, '/x/slack/slash-command', pause, { 'content-type': 'text/plain' })).toBe(415);
    expect(
      await post(origin, '/x/slack/slash-command', pause, {
        'content-type': 'application/json',
        origin: evil,
      }),
    ).toBe(403);
    // The page's own origin on another loopback name is another origin too.
    const otherName = origin.replace('127.0.0.1', 'localhost');
    expect(
      await post(origin, '/x/slack/slash-command', pause, {
        'content-type': 'application/json',
        origin: otherName,
      }),
    ).toBe(403);
    expect(await post(origin, '/api/discord/autocomplete', '{}', { 'content-type': 'text/plain' })).toBe(415);
    expect(sb.slack!.deliveries.length).toBe(delivered);
  });

  it('refuses a DNS-rebound Host, on reads as well', async () => {
    const port = Number(new URL(sb.url).port);
    for (const [method, path] of [
      ['GET', '/api/setup'],
      ['GET', '/x/slack/state'],
      ['POST', '/x/fal/knobs'],
    ] as const) {
      const answer = await rawRequest({
        port,
        head: head(method, path, {
          Host: `evil.example:${port}`,
          'Content-Type': 'application/json',
          'Content-Length': '2',
        }),
        body: '{}',
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
  });

  it('takes what the page sends: same-origin JSON', async () => {
    const headers = { 'content-type': 'application/json', origin };
    expect(await post(origin, '/x/fal/knobs', '{"nsfwRate":0}', headers)).toBe(200);
    expect(await post(origin, '/x/slack/knobs', '{"latencyMs":0}', headers)).toBe(200);
    expect(await post(origin, '/x/discord/knobs', '{"latencyMs":0}', headers)).toBe(200);
    const setup = await fetch(`${origin}/api/setup`);
    expect(setup.status).toBe(200);
  });

  it('guards each emulator’s own /_emulator routes the same way (no CORS either)', async () => {
    for (const base of [sb.fal.url, sb.discord!.url, sb.slack!.url]) {
      expect(await post(base, '/_emulator/knobs', '{}', { 'content-type': 'text/plain' }), base).toBe(415);
      // The page's origin is not the emulator's: the page goes through its server's relay.
      expect(
        await post(base, '/_emulator/knobs', '{}', { 'content-type': 'application/json', origin }),
        base,
      ).toBe(403);
      const read = await fetch(`${base}/_emulator/knobs`, { headers: { origin: 'https://evil.example' } });
      expect(read.status, base).toBe(403);
      expect(read.headers.get('access-control-allow-origin'), base).toBeNull();
      expect(await post(base, '/_emulator/knobs', '{}', { 'content-type': 'application/json' }), base).toBe(
        200,
      );
    }
    const preflight = await fetch(`${sb.discord!.url}/_emulator/slash-command`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
  });
});
