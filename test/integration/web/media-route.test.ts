import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStore } from '../../../src/infra/storage/local-store.js';
import { registerMediaRoute } from '../../../src/web/health-routes.js';
import { createWebServer, type WebServer } from '../../../src/web/server.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>';

describe('/media never lets a stored file act as a page on our origin', () => {
  let dir: string;
  let web: WebServer;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-media-route-'));
    const store = createLocalStore({ dir, publicBaseUrl: 'http://127.0.0.1:3999' });
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await store.put('images/2026/01/ok.png', png, { contentType: 'image/png' });
    // What a store written before content types were checked can still hold.
    await store.put('images/2026/01/old.png', Buffer.from(SVG), { contentType: 'image/svg+xml' });
    await store.put('images/2026/01/page.png', Buffer.from('<html>hi'), { contentType: 'text/html' });
    web = createWebServer(pino({ level: 'silent' }));
    registerMediaRoute(web, store);
    base = `http://127.0.0.1:${(await web.listen(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => {
    await web?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends a sandboxing CSP and nosniff with an image', async () => {
    const res = await fetch(`${base}/media/images/2026/01/ok.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a stored SVG or HTML as a sandboxed download, never as its own type', async () => {
    for (const key of ['old.png', 'page.png']) {
      const res = await fetch(`${base}/media/images/2026/01/${key}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toBe('attachment');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
