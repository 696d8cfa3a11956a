/**
 * The public server's listener cannot throw. `new URL(req.url, base)` in the listener threw on targets such
 * as `//`, `//[` or `http://x:99999/` (curl --path-as-is reaches it), and the process ended: Discord, Slack
 * and the web server went down with it. Raw sockets send the targets fetch would normalise.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../src/web/safe-listener.js';
import { createWebServer, type WebServer } from '../../../src/web/server.js';
import { head, rawRequest } from '../../helpers/raw-http.js';

describe('parseRequestTarget', () => {
  it.each([
    ['/', '/', ''],
    ['/gallery?u=1', '/gallery', '?u=1'],
    // Origin-form starting with // is a path, never a host.
    ['//', '//', ''],
    ['//[', '//[', ''],
    ['//evil.example/admin', '//evil.example/admin', ''],
    ['/media/../admin', '/admin', ''],
    ['/media/%2e%2e/admin', '/admin', ''],
    ['/%00', '/%00', ''],
    ['/%c0%ae%c0%ae/', '/%c0%ae%c0%ae/', ''],
    ['/%', '/%', ''],
    // Absolute-form routes by its path and query.
    ['http://bot.example/healthz?x=1', '/healthz', '?x=1'],
    ['HTTP://bot.example:3000', '/', ''],
  ])('%s → %s%s', (target, pathname, search) => {
    const url = parseRequestTarget(target);
    expect(url?.pathname).toBe(pathname);
    expect(url?.search).toBe(search);
  });

  it.each(['http://x:99999/', 'http://[/', 'http://', '*', 'bot.example:443', 'mailto:x@y', '', undefined])(
    '%s → undefined (400)',
    (target) => {
      expect(parseRequestTarget(target)).toBeUndefined();
    },
  );
});

describe('the web server listener', () => {
  let web: WebServer;
  let port: number;
  const healthy = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

  beforeAll(async () => {
    web = createWebServer(pino({ level: 'silent' }));
    web.route('GET', '/healthz', (_req, res) => {
      res.writeHead(200).end('ok');
    });
    web.route('GET', '/throws', () => {
      throw new Error('synchronous');
    });
    web.route('GET', '/rejects', async () => {
      throw new Error('asynchronous');
    });
    web.route('GET', '/throws-midway', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('half');
      throw new Error('after the head');
    });
    ({ port } = await web.listen(0, '127.0.0.1'));
  });
  afterAll(() => web?.close());

  it.each([
    // Paths no route has.
    ['//', 404],
    ['//[', 404],
    ['//[::1', 404],
    // Not a target a route can take.
    ['http://x:99999/', 400],
    ['http://[/', 400],
    ['*', 400],
  ])('answers %s with %i and keeps serving', async (target, status) => {
    const answer = await rawRequest({ port, head: head('GET', target, {}, port) });
    expect(answer.status).toBe(status);
    expect(await healthy()).toBe(200);
  });

  it('routes an absolute-form target by its path', async () => {
    const answer = await rawRequest({
      port,
      head: head('GET', `http://127.0.0.1:${port}/healthz`, {}, port),
    });
    expect(answer.status).toBe(200);
  });

  it('answers 500 when a handler throws or rejects, and closes a half-sent answer', async () => {
    expect((await rawRequest({ port, head: head('GET', '/throws', {}, port) })).status).toBe(500);
    expect((await rawRequest({ port, head: head('GET', '/rejects', {}, port) })).status).toBe(500);
    const midway = await fetch(`http://127.0.0.1:${port}/throws-midway`).then(
      (r) => r.text(),
      (e: Error) => e.name,
    );
    expect(midway).not.toBe('half');
    expect(await healthy()).toBe(200);
  });
});
