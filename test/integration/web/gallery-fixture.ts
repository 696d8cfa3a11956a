import { pino } from 'pino';
import type { Generation, Requester } from '../../../src/core/types.js';
import { insertGenerations } from '../../../src/infra/db/bulk-insert.js';
import { registerGalleryRoutes } from '../../../src/web/gallery/register-gallery-routes.js';
import { type GalleryClaims, signGalleryLink } from '../../../src/web/gallery/signed-link.js';
import { createWebServer } from '../../../src/web/server.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

export const SECRET = 'gallery-test-secret-0123456789';
export const NOW = Date.UTC(2026, 0, 15, 12);
export const PAGE_SIZE = 10;
export const CAVE = 'capitao-caverna';

export const alice: Requester = {
  platform: 'discord',
  workspaceId: 'g1',
  channelId: 'c1',
  userId: 'alice-4242',
};
export const bob: Requester = { ...alice, userId: 'bob-7373' };
export const XSS = '<script>alert(1)</script>';

/** A real core (libSQL, local storage, fal emulator), its records, and the gallery routes on port 0. */
export async function startGalleryFixture() {
  const core: CoreFixture = await startCoreFixture();
  const { service } = core.core;
  const make = async (
    requester: Requester,
    options: Record<string, string>,
    extra?: string,
    isExample = false,
  ) =>
    service.waitFor(
      (
        await service.request({
          requester,
          params: { catalogId: CAVE, options, ...(extra ? { extra } : {}) },
          ...(isExample ? { isExample } : {}),
        })
      ).id,
    );
  const comic = await make(alice, { style: 'comic-book' });
  const xss = await make(alice, { style: 'watercolor' }, XSS);
  const waving = await make(alice, { style: 'comic-book', pose: 'waving' });
  const bobs = await make(bob, { style: 'comic-book' });
  // Same user id on another platform and workspace: a different person.
  const elsewhere = await make({ ...alice, platform: 'slack', workspaceId: 'T9' }, { style: 'comic-book' });
  const example = await make(
    { ...alice, userId: 'batch', platform: 'cli' },
    { style: 'pixel-art' },
    undefined,
    true,
  );

  // Paging: 23 finished records for carol, one second apart, newest last.
  const carol: Requester = { ...alice, userId: 'carol-1' };
  const paged: Generation[] = Array.from({ length: 23 }, (_, i) => ({
    ...comic,
    id: `carol-${String(i).padStart(2, '0')}`,
    userId: carol.userId,
    createdAt: NOW - 100_000 + i * 1000,
    updatedAt: NOW - 100_000 + i * 1000,
    thumbUrl: `http://127.0.0.1:3999/media/thumbs/carol-${i}.webp`,
  }));
  await insertGenerations(core.core.database.db, paged);

  let now = NOW;
  const clock = { now: () => now };
  const web = createWebServer(pino({ level: 'silent' }));
  const routes = registerGalleryRoutes(web, {
    service,
    catalogs: core.core.catalogs,
    secret: SECRET,
    publicBaseUrl: 'http://127.0.0.1:3999',
    clock,
    pageSize: PAGE_SIZE,
  });
  const { port } = await web.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;

  const linkFor = (r: Requester, expiresAt = NOW + 3_600_000) =>
    signGalleryLink(
      { platform: r.platform, workspaceId: r.workspaceId, userId: r.userId, expiresAt } as GalleryClaims,
      SECRET,
    );
  const get = async (path: string) => {
    const res = await fetch(base + path, { redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  return {
    core,
    routes,
    records: { comic, xss, waving, bobs, elsewhere, example, paged },
    carol,
    linkFor,
    get,
    setNow: (ms: number) => {
      now = ms;
    },
    async close() {
      await web.close();
      await core.close();
    },
  };
}

export type GalleryFixture = Awaited<ReturnType<typeof startGalleryFixture>>;

/** Generation ids linked from a gallery page, in page order. */
export const itemIds = (body: string): string[] =>
  [...body.matchAll(/href="\/gallery\/item\?[^"]*?(?:\?|&amp;)id=([^"&]+)/g)].map((m) =>
    decodeURIComponent(m[1]!),
  );
