import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, Requester } from '../../../src/core/types.js';
import { registerGalleryRoutes } from '../../../src/web/gallery/register-gallery-routes.js';
import { type GalleryClaims, signGalleryLink } from '../../../src/web/gallery/signed-link.js';
import { registerMediaRoute } from '../../../src/web/health-routes.js';
import { createWebServer, type WebServer } from '../../../src/web/server.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const SECRET = 'deleted-image-test-secret-0123456789';
const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
const bob: Requester = { ...alice, userId: 'bob' };

describe('a deleted image on the web (gallery item page and /media)', () => {
  let f: CoreFixture;
  let web: WebServer;
  let base: string;
  let job: Generation;

  beforeAll(async () => {
    f = await startCoreFixture();
    const { service } = f.core;
    job = await service.waitFor(
      (await service.request({ requester: alice, params: { catalogId: 'capitao-caverna', options: {} } })).id,
    );
    web = createWebServer(pino({ level: 'silent' }));
    registerGalleryRoutes(web, {
      service,
      catalogs: f.core.catalogs,
      secret: SECRET,
      publicBaseUrl: 'http://127.0.0.1:3999',
    });
    registerMediaRoute(web, f.core.store);
    base = `http://127.0.0.1:${(await web.listen(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => {
    await web?.close();
    await f?.close();
  });

  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.text() };
  };
  const link = (r: Requester) =>
    signGalleryLink(
      {
        platform: r.platform,
        workspaceId: r.workspaceId,
        userId: r.userId,
        expiresAt: Date.now() + 3_600_000,
      } as GalleryClaims,
      SECRET,
    );
  const itemPage = (r: Requester) => get(`${link(r).replace('/gallery?', '/gallery/item?')}&id=${job.id}`);

  it('answers 404 with a page saying so, and the gallery and /media no longer show it', async () => {
    const media = `/media/${job.imageKey}`;
    expect((await itemPage(alice)).status).toBe(200);
    expect((await get(media)).status).toBe(200);
    expect((await get(link(alice))).body).toContain(job.id);

    await f.core.deletion.deleteGeneration(job.id, alice);

    const page = await itemPage(alice);
    expect(page.status).toBe(404);
    expect(page.body).toContain('This image was deleted');
    const file = await get(media);
    expect(file.status).toBe(404);
    expect(file.body).toMatch(/may have been deleted/);
    expect((await get(`/media/${job.thumbKey}`)).status).toBe(404);
    expect((await get(link(alice))).body).not.toContain(job.id);
    // Someone else learns nothing about it: the usual "not found".
    const foreign = await itemPage(bob);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toContain('Image not found');
    expect(foreign.body).not.toContain('deleted');
  });
});
