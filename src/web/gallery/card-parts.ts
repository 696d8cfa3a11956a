import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { describeParams } from '../../core/prompt/describe-params.js';
import type { Generation } from '../../core/types.js';
import { html, type SafeHtml } from './html.js';
import { httpOrigin } from './layout.js';

const THUMB_SIDE = 384;

/** The catalog of a record, if it is still installed (records outlive catalog edits). */
export const catalogOf = (catalogs: CatalogRegistry, g: Generation): Catalog | undefined =>
  catalogs.has(g.catalogId) ? catalogs.get(g.catalogId) : undefined;

/** "Style: Comic Book" pairs in catalog order; raw ids when the catalog is gone. */
export const paramLabels = (catalog: Catalog | undefined, g: Generation) =>
  catalog
    ? describeParams(catalog, g.options)
    : Object.entries(g.options).map(([dimension, option]) => ({ dimension, option }));

/** Thumbnail size inside the 384 px box the thumbnails are made in: width/height avoid layout shift. */
export function thumbSize(g: Pick<Generation, 'width' | 'height'>): { width: number; height: number } {
  const w = g.width ?? 1024;
  const h = g.height ?? 1024;
  const scale = THUMB_SIDE / Math.max(w, h);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** A lazy thumbnail of a record, or nothing when it has no http(s) image. */
export function thumbImage(g: Generation, alt: string): SafeHtml | undefined {
  const src = httpOrigin(g.thumbUrl) ? g.thumbUrl : httpOrigin(g.imageUrl) ? g.imageUrl : undefined;
  if (!src) return undefined;
  const { width, height } = thumbSize(g);
  return html`<img src="${src}" alt="${alt}" width="${width}" height="${height}" loading="lazy" decoding="async">`;
}

/** Origins of the images a page shows, for its CSP img-src. */
export const imageOrigins = (records: readonly Generation[]): string[] =>
  records.flatMap((g) => [httpOrigin(g.thumbUrl), httpOrigin(g.imageUrl)]).filter((o) => o !== undefined);

export const formatDate = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
