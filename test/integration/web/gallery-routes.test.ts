import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src/core/prompt/build-prompt.js';
import { escapeHtml } from '../../../src/web/gallery/html.js';
import { verifyGalleryLink } from '../../../src/web/gallery/signed-link.js';
import {
  alice,
  bob,
  CAVE,
  type GalleryFixture,
  itemIds,
  NOW,
  PAGE_SIZE,
  SECRET,
  startGalleryFixture,
  XSS,
} from './gallery-fixture.js';

let f: GalleryFixture;
beforeAll(async () => {
  f = await startGalleryFixture();
});
afterAll(async () => {
  await f?.close();
});

const withParams = (link: string, params: Record<string, string>) => {
  const url = new URL(link, 'http://x');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.pathname + url.search;
};
const withoutNonce = (body: string) => body.replace(/nonce="[^"]+"/g, '');

describe('gallery page (signed link, real core records)', () => {
  it('shows the signed user’s finished images only, newest first, with security headers', async () => {
    const { status, headers, body } = await f.get(f.linkFor(alice));
    expect(status).toBe(200);
    const { comic, xss, waving, bobs, elsewhere, example } = f.records;
    expect(itemIds(body)).toEqual([waving.id, xss.id, comic.id]);
    for (const other of [bobs, elsewhere, example]) {
      expect(body).not.toContain(other.id);
      expect(body).not.toContain(other.thumbUrl!);
    }
    expect(body).toContain(`src="${comic.thumbUrl}"`);
    expect(body).toMatch(/<img [^>]*width="384" height="384" loading="lazy"/);
    const csp = headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/img-src 'self' http:\/\/127\.0\.0\.1:3999 data:/);
    for (const tag of body.match(/<(script|style)\b[^>]*>/g)!) expect(tag).toContain(`nonce="${nonce}"`);
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toContain('no-store');
  });

  it('keeps the identity in the filter form and narrows results by dimension', async () => {
    const link = f.linkFor(alice);
    const signed = new URL(link, 'http://x').searchParams;
    const { body } = await f.get(link);
    for (const name of ['p', 'w', 'u', 'exp', 'sig'])
      expect(body).toContain(`name="${name}" value="${escapeHtml(signed.get(name)!)}"`);

    const comicOnly = await f.get(withParams(link, { catalog: CAVE, style: 'comic-book' }));
    expect(itemIds(comicOnly.body)).toEqual([f.records.waving.id, f.records.comic.id]);
    expect(comicOnly.body).toMatch(/<option value="comic-book" selected>Comic Book<\/option>/);
    const waving = await f.get(withParams(link, { catalog: CAVE, style: 'comic-book', pose: 'waving' }));
    expect(itemIds(waving.body)).toEqual([f.records.waving.id]);
    const none = await f.get(withParams(link, { catalog: CAVE, style: 'pixel-art' }));
    expect(itemIds(none.body)).toEqual([]);
    expect(none.body).toContain('No images match these filters');
  });

  it('pages through the history: page n/m, prev/next, the next items on page 2, the last page past the end', async () => {
    const newestFirst = [...f.records.paged].reverse().map((g) => g.id);
    const link = f.linkFor(f.carol);
    const first = await f.get(link);
    expect(itemIds(first.body)).toEqual(newestFirst.slice(0, PAGE_SIZE));
    expect(first.body).toContain('Page 1/3');
    expect(first.body).toContain('23 images');

    const next = /<a rel="next" href="([^"]+)"/.exec(first.body)?.[1];
    expect(next).toBeDefined();
    const second = await f.get(next!.replaceAll('&amp;', '&'));
    expect(second.status).toBe(200);
    expect(itemIds(second.body)).toEqual(newestFirst.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    expect(second.body).toContain('Page 2/3');
    expect(second.body).toMatch(/<a rel="prev" href="[^"]+"/);

    const beyond = await f.get(withParams(link, { page: '99' }));
    expect(itemIds(beyond.body)).toEqual(newestFirst.slice(2 * PAGE_SIZE));
    expect(beyond.body).toContain('Page 3/3');
    expect(beyond.body).not.toMatch(/rel="next"/);
  });

  it('shows a friendly empty state to a user with no images', async () => {
    const { status, body } = await f.get(f.linkFor({ ...alice, userId: 'nobody-1' }));
    expect(status).toBe(200);
    expect(itemIds(body)).toEqual([]);
    expect(body).toContain('No images yet');
  });

  it('escapes user text: the extra prompt text never becomes markup', async () => {
    const page = await f.get(f.linkFor(alice));
    const detail = await f.get(
      withParams(f.linkFor(alice), { id: f.records.xss.id }).replace('/gallery?', '/gallery/item?'),
    );
    for (const body of [page.body, detail.body]) {
      expect(body).toContain(escapeHtml(XSS));
      expect(body).not.toContain(XSS);
    }
  });
});

describe('links that are not valid', () => {
  const url = () => new URL(f.linkFor(alice), 'http://x');
  const variants = (): [string, string][] => {
    const forged = url();
    const sig = forged.searchParams.get('sig')!;
    forged.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    const tampered = url();
    tampered.searchParams.set('u', bob.userId);
    const missing = url();
    missing.searchParams.delete('sig');
    return [
      ['forged signature', forged.pathname + forged.search],
      ['tampered user', tampered.pathname + tampered.search],
      ['expired link', f.linkFor(alice, NOW - 1000)],
      ['missing signature', missing.pathname + missing.search],
      ['no parameters', '/gallery'],
      [
        'detail with a tampered user',
        `${(tampered.pathname + tampered.search).replace('/gallery?', '/gallery/item?')}&id=${f.records.bobs.id}`,
      ],
    ];
  };

  it('answer 403 with one page that names no user and counts nothing', async () => {
    const bodies = new Set<string>();
    for (const [name, path] of variants()) {
      const { status, body, headers } = await f.get(path);
      expect(status, name).toBe(403);
      // Without the per-response CSP nonce: random base64 can spell a short id such as "g1" by chance.
      for (const secret of [alice.userId, bob.userId, alice.workspaceId, 'images', f.records.comic.id])
        expect(withoutNonce(body), name).not.toContain(secret);
      expect(headers.get('cache-control'), name).toContain('no-store');
      bodies.add(withoutNonce(body));
    }
    expect(bodies.size).toBe(1);
  });

  it('stop working when the clock passes their expiry', async () => {
    const link = f.linkFor(alice, NOW + 60_000);
    expect((await f.get(link)).status).toBe(200);
    f.setNow(NOW + 60_000);
    try {
      expect((await f.get(link)).status).toBe(403);
    } finally {
      f.setNow(NOW);
    }
  });
});

describe('detail view', () => {
  const detail = (id: string, requester = alice) =>
    f.get(withParams(f.linkFor(requester), { id }).replace('/gallery?', '/gallery/item?'));

  it('shows the full image, labelled parameters, prompt, negative prompt, seed, model and size', async () => {
    const g = f.records.waving;
    const { status, body } = await detail(g.id);
    expect(status).toBe(200);
    // Fitted as the record was: to the model's budget (schnell's 256 T5 tokens by default).
    const built = buildPrompt(
      f.core.core.catalogs.get(CAVE),
      { catalogId: CAVE, options: g.options, extra: g.extra, aspect: g.aspect },
      f.core.core.promptFit,
    );
    expect(body).toContain(`<img src="${g.imageUrl}"`);
    expect(body).toContain(`href="${g.imageUrl}"`);
    expect(body).toContain('<dt>Pose</dt><dd>Waving Hello</dd>');
    expect(body).toContain('<dt>Style</dt><dd>Comic Book</dd>');
    expect(body).toContain(escapeHtml(built.prompt));
    expect(body).toContain(escapeHtml(built.negativePrompt));
    expect(body).toContain(`<dd>${g.seed}</dd>`);
    expect(body).toContain(`<dd>${escapeHtml(g.model)}</dd>`);
    expect(body).toContain(`${g.width} × ${g.height}`);
    expect(body).not.toContain('catalog has changed');
  });

  it('says how much of the model’s window the prompt took and what was cut to fit it', async () => {
    const g = f.records.waving;
    const fit = f.core.core.service.rebuildPrompt(g)!.fit!;
    expect(g.promptTokens).toBe(fit.used);
    expect(g.promptTokens).toBeLessThanOrEqual(256);
    const { used: _used, ...recorded } = fit;
    expect(g.promptFit).toEqual(recorded);
    expect(fit.budget).toEqual({ unit: 't5-tokens', max: 256 });
    const { body } = await detail(g.id);
    const cuts = [
      ...(fit.condensed.length > 0 ? [`condensed: ${fit.condensed.join(', ')}`] : []),
      ...(fit.dropped.length > 0 ? [`dropped: ${fit.dropped.join(', ')}`] : []),
    ];
    expect(fit.condensed.length + fit.dropped.length).toBeGreaterThan(0);
    expect(body).toContain(
      `<dt>Prompt</dt><dd>${[`${g.promptTokens} / 256 T5 tokens`, ...cuts].join('; ')}</dd>`,
    );
  });

  it('answers 404 for another user’s image exactly as for one that does not exist', async () => {
    const others = await detail(f.records.bobs.id);
    const missing = await detail('00000000-0000-0000-0000-000000000000');
    expect(others.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(others.body).not.toContain(f.records.bobs.imageUrl!);
    expect(withoutNonce(others.body)).toBe(
      withoutNonce(missing.body).replace('00000000-0000-0000-0000-000000000000', f.records.bobs.id),
    );
    // Same user id, other platform and workspace: still not theirs.
    expect((await detail(f.records.elsewhere.id)).status).toBe(404);
    expect((await detail(f.records.bobs.id, bob)).status).toBe(200);
  });
});

describe('style browser and chat links', () => {
  it('shows each style option with its example image or a placeholder, and the other dimensions', async () => {
    const catalog = f.core.core.catalogs.get(CAVE);
    const style = catalog.dimensions.find((d) => d.id === catalog.styleDimension)!;
    const { status, body, headers } = await f.get(`/styles?catalog=${CAVE}`);
    expect(status).toBe(200);
    expect(body).toContain(`src="${f.records.example.thumbUrl}"`);
    expect(body).not.toContain(f.records.comic.thumbUrl!);
    for (const o of style.options) expect(body).toContain(escapeHtml(o.label));
    const placeholders = body.match(/No example yet — run <code>npm run atelier -- batch<\/code>/g) ?? [];
    expect(placeholders).toHaveLength(style.options.length - 1);
    for (const d of catalog.dimensions.filter((x) => x.id !== catalog.styleDimension)) {
      expect(body).toContain(`<h3>${escapeHtml(d.label)}</h3>`);
      expect(body).toContain(escapeHtml(d.options[0]!.description));
    }
    expect(headers.get('content-security-policy')).toMatch(/img-src 'self' http:\/\/127\.0\.0\.1:3999 data:/);

    const all = await f.get('/styles');
    for (const c of f.core.core.catalogs.list()) expect(all.body).toContain(`<h2>${escapeHtml(c.name)}</h2>`);
  });

  it('hands chat an absolute link that opens the user’s gallery', async () => {
    const link = f.routes.galleryLink('discord', alice.workspaceId, alice.userId);
    const url = new URL(link);
    expect(url.origin).toBe('http://127.0.0.1:3999');
    expect(verifyGalleryLink(url, SECRET, NOW)?.expiresAt).toBe(NOW + 24 * 3600_000);
    const { status, body } = await f.get(url.pathname + url.search);
    expect(status).toBe(200);
    expect(itemIds(body)).toContain(f.records.comic.id);
  });
});
