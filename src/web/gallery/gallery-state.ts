import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { GALLERY_PATH, SIGNATURE_PARAMS } from './signed-link.js';

/** What a gallery page shows: chosen from the query string, each value checked against the catalog. */
export interface GalleryState {
  catalog: Catalog | undefined;
  /** Option ids keyed by dimension id; only options the catalog has. */
  filters: Record<string, string>;
  page: number;
}

const RESERVED = new Set<string>([...SIGNATURE_PARAMS, 'catalog', 'page', 'id']);

/** The query parameter of a dimension filter: its id, unless that id is one of ours. */
export const filterParam = (dimensionId: string): string =>
  RESERVED.has(dimensionId) ? `f-${dimensionId}` : dimensionId;

/**
 * Unknown catalogs, dimensions and options are dropped rather than refused: these URLs are edited by
 * hand and shared, and an unfiltered page is a better answer than an error. Filters without a catalog
 * apply to the default catalog, as the chat command does.
 */
export function readGalleryState(query: URLSearchParams, catalogs: CatalogRegistry): GalleryState {
  const name = query.get('catalog')?.trim();
  let catalog = name && catalogs.has(name) ? catalogs.get(name) : undefined;
  const candidate = catalog ?? catalogs.get(catalogs.defaultId);
  const filters: Record<string, string> = {};
  for (const dimension of candidate.dimensions) {
    const value = query.get(filterParam(dimension.id));
    if (value && dimension.options.some((o) => o.id === value)) filters[dimension.id] = value;
  }
  if (!catalog && Object.keys(filters).length > 0) catalog = candidate;
  const page = Number(query.get('page'));
  return { catalog, filters, page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1 };
}

/** The query string for a state, after the identity parameters (which must come from a verified link). */
function stateQuery(signature: URLSearchParams, state: Omit<GalleryState, 'page'>, page?: number) {
  const query = new URLSearchParams();
  for (const name of SIGNATURE_PARAMS) query.set(name, signature.get(name) ?? '');
  if (state.catalog) query.set('catalog', state.catalog.id);
  for (const [dimension, option] of Object.entries(state.filters)) query.set(filterParam(dimension), option);
  if (page !== undefined && page > 1) query.set('page', String(page));
  return query;
}

export function galleryHref(signature: URLSearchParams, state: Omit<GalleryState, 'page'>, page = 1): string {
  return `${GALLERY_PATH}?${stateQuery(signature, state, page).toString()}`;
}

/** Detail links carry the gallery state so "back" returns to the same page and filters. */
export function itemHref(signature: URLSearchParams, state: GalleryState, id: string): string {
  const query = stateQuery(signature, state, state.page);
  query.set('id', id);
  return `${GALLERY_PATH}/item?${query.toString()}`;
}
