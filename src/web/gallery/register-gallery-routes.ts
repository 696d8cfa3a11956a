import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import { systemClock } from '../../core/clock.js';
import type { GenerationService } from '../../core/generation/generation-service.js';
import { withoutAgeRestrictedImage } from '../../core/moderation/age-restricted.js';
import type { Clock } from '../../core/ports.js';
import { type Generation, HISTORY_COUNT_LIMIT, type Platform } from '../../core/types.js';
import type { WebServer } from '../server.js';
import { catalogOf, imageOrigins } from './card-parts.js';
import { renderDetailPage } from './detail-page.js';
import { renderGalleryPage } from './gallery-page.js';
import { galleryHref, readGalleryState } from './gallery-state.js';
import { html, type SafeHtml } from './html.js';
import { renderLayout, sendPage } from './layout.js';
import { createGalleryLinker, GALLERY_PATH, type GalleryClaims, verifyGalleryLink } from './signed-link.js';
import { renderStylesPage } from './styles-page.js';

export interface GalleryRouteDeps {
  service: Pick<GenerationService, 'history' | 'get' | 'examples' | 'rebuildPrompt'>;
  catalogs: CatalogRegistry;
  /** HMAC key of gallery links (config.webLinkSecret). */
  secret: string;
  /** Where chat users reach this server: links handed out are absolute. */
  publicBaseUrl: string;
  clock?: Pick<Clock, 'now'> | undefined;
  /** Images per gallery page; default 24. */
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 24;

interface PageView {
  title: string;
  body: SafeHtml;
  origins?: string[];
  script?: boolean;
  cache?: 'private' | 'public';
}

/** GET /gallery, /gallery/item (signed links only) and /styles (public). Returns the link maker for chat. */
export function registerGalleryRoutes(web: WebServer, deps: GalleryRouteDeps) {
  const clock = deps.clock ?? systemClock;
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const newNonce = () => randomBytes(16).toString('base64');

  const page = (res: ServerResponse, status: number, view: PageView) => {
    const nonce = newNonce();
    const layout = renderLayout({ title: view.title, nonce, body: view.body, script: view.script ?? false });
    sendPage(res, status, layout, {
      nonce,
      imageOrigins: view.origins ?? [],
      cache: view.cache ?? 'private',
    });
  };
  // Same page whatever was wrong with the link, and nothing about whose it was.
  const forbidden = (res: ServerResponse) =>
    page(res, 403, {
      title: 'Link not valid',
      body: html`<main class="empty"><h1>This gallery link is not valid</h1>
<p>It may have expired or been copied incompletely. Run <code>/gallery</code> in chat and choose “Open full gallery” for a fresh link.</p></main>`,
    });

  web.route('GET', GALLERY_PATH, async (_req, res, url) => {
    const claims = verifyGalleryLink(url.searchParams, deps.secret, clock.now());
    if (!claims) return forbidden(res);
    const state = readGalleryState(url.searchParams, deps.catalogs);
    // The web has no age-restricted channels: flagged images posted in one stay in chat.
    const fetchPage = async (n: number) => {
      const found = await deps.service.history({
        userId: claims.userId,
        platform: claims.platform,
        workspaceId: claims.workspaceId,
        ...(state.catalog ? { catalogId: state.catalog.id } : {}),
        filters: state.filters,
        limit: pageSize,
        offset: (n - 1) * pageSize,
        countLimit: HISTORY_COUNT_LIMIT,
      });
      return { ...found, items: found.items.map(withoutAgeRestrictedImage) };
    };
    let result = await fetchPage(state.page);
    const pages = Math.max(1, Math.ceil(result.total / pageSize));
    // A page past the end (the list shrank, or a hand-edited URL) shows the last page instead.
    if (state.page > pages) {
      state.page = pages;
      result = await fetchPage(pages);
    }
    const body = renderGalleryPage({
      catalogs: deps.catalogs,
      state,
      signature: url.searchParams,
      platform: platformName(claims.platform),
      items: result.items,
      total: result.total,
      more: result.more ?? false,
      pages,
    });
    page(res, 200, { title: 'Gallery', body, origins: imageOrigins(result.items), script: true });
  });

  web.route('GET', `${GALLERY_PATH}/item`, async (_req, res, url) => {
    const claims = verifyGalleryLink(url.searchParams, deps.secret, clock.now());
    if (!claims) return forbidden(res);
    const state = readGalleryState(url.searchParams, deps.catalogs);
    const backHref = galleryHref(url.searchParams, state, state.page);
    const id = url.searchParams.get('id') ?? '';
    const found = id && id.length <= 64 ? await deps.service.get(id) : undefined;
    const g = found && withoutAgeRestrictedImage(found);
    // The viewer's own deleted image says so; it is gone from storage, only the record is left.
    if (g && g.status === 'deleted' && inScope(g, claims)) {
      return page(res, 404, {
        title: 'Image deleted',
        body: html`<main class="empty"><h1>This image was deleted</h1><p>It was removed from chat and storage and cannot be shown any more.</p><p><a href="${backHref}">Back to the gallery</a></p></main>`,
      });
    }
    // Someone else's image and a missing one look the same: existence is not revealed.
    if (!g || !belongsTo(g, claims)) {
      return page(res, 404, {
        title: 'Not found',
        body: html`<main class="empty"><h1>Image not found</h1><p><a href="${backHref}">Back to the gallery</a></p></main>`,
      });
    }
    const body = renderDetailPage({
      generation: g,
      catalog: catalogOf(deps.catalogs, g),
      built: deps.service.rebuildPrompt(g),
      backHref,
    });
    page(res, 200, { title: 'Image', body, origins: imageOrigins([g]) });
  });

  web.route('GET', '/styles', async (_req, res, url) => {
    const wanted = url.searchParams.get('catalog')?.trim();
    const selected = wanted && deps.catalogs.has(wanted) ? deps.catalogs.get(wanted) : undefined;
    const catalogs = selected ? [selected] : deps.catalogs.list();
    const shown = await Promise.all(
      catalogs.map(async (catalog) => ({ catalog, examples: await deps.service.examples(catalog.id) })),
    );
    const body = renderStylesPage({ all: deps.catalogs.list(), shown, selected: selected?.id });
    const origins = imageOrigins(shown.flatMap((s) => s.examples));
    page(res, 200, { title: 'Styles', body, origins, cache: 'public' });
  });

  return {
    /** Absolute signed link to a user's gallery, for `/gallery`'s "open full gallery" (CommandContext.galleryLink). */
    galleryLink: createGalleryLinker({
      secret: deps.secret,
      publicBaseUrl: deps.publicBaseUrl,
      now: () => clock.now(),
    }),
  };
}

const inScope = (g: Generation, claims: GalleryClaims): boolean =>
  g.userId === claims.userId && g.platform === claims.platform && g.workspaceId === claims.workspaceId;

const belongsTo = (g: Generation, claims: GalleryClaims): boolean =>
  g.status === 'done' && inScope(g, claims);

const platformName = (platform: Platform): string =>
  ({ discord: 'Discord', slack: 'Slack', cli: 'the command line', web: 'the web' })[platform];
