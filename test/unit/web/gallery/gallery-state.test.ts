import { describe, expect, it } from 'vitest';
import { createCatalogRegistry } from '../../../../src/core/catalog/catalog-registry.js';
import { type Catalog, catalogSchema } from '../../../../src/core/catalog/schema.js';
import {
  filterParam,
  galleryHref,
  itemHref,
  readGalleryState,
} from '../../../../src/web/gallery/gallery-state.js';
import { SIGNATURE_PARAMS } from '../../../../src/web/gallery/signed-link.js';

const option = (id: string) => ({ id, label: id.toUpperCase(), description: id, prompt: id });
const catalog = (id: string, dims: Record<string, string[]>): Catalog =>
  catalogSchema.parse({
    id,
    name: `${id} name`,
    description: id,
    version: 1,
    dimensions: Object.entries(dims).map(([d, opts]) => ({
      id: d,
      label: d,
      description: d,
      options: opts.map(option),
    })),
    styleDimension: 'style',
    templates: { character: 'c', environment: 'e', technicalSpecs: 't', layout: '{character}' },
    negativePrompt: 'n',
    defaults: Object.fromEntries(Object.entries(dims).map(([d, opts]) => [d, opts[0]])),
  });

const registry = createCatalogRegistry(
  [catalog('alpha', { style: ['ink', 'oil'], page: ['one', 'two'] }), catalog('beta', { style: ['neon'] })],
  'alpha',
);

describe('gallery state from the query string', () => {
  it('keeps only the options the catalog has', () => {
    const state = readGalleryState(new URLSearchParams('catalog=beta&style=ink'), registry);
    expect(state.catalog?.id).toBe('beta');
    expect(state.filters).toEqual({});
    expect(readGalleryState(new URLSearchParams('catalog=beta&style=neon'), registry).filters).toEqual({
      style: 'neon',
    });
  });

  it('applies filters without a catalog to the default catalog; unknown catalogs show everything', () => {
    const state = readGalleryState(new URLSearchParams('style=oil'), registry);
    expect(state.catalog?.id).toBe('alpha');
    expect(state.filters).toEqual({ style: 'oil' });
    expect(readGalleryState(new URLSearchParams('catalog=nope'), registry).catalog).toBeUndefined();
  });

  it('reads page as a positive integer, else 1', () => {
    const page = (q: string) => readGalleryState(new URLSearchParams(q), registry).page;
    expect(page('page=3')).toBe(3);
    expect([page(''), page('page=0'), page('page=-2'), page('page=1.5'), page('page=x')]).toEqual([
      1, 1, 1, 1, 1,
    ]);
  });

  it('gives a dimension named like one of our parameters its own parameter name', () => {
    expect(filterParam('page')).toBe('f-page');
    expect(filterParam('style')).toBe('style');
    const state = readGalleryState(new URLSearchParams('catalog=alpha&page=2&f-page=two'), registry);
    expect(state).toMatchObject({ page: 2, filters: { page: 'two' } });
  });

  it('links keep the identity parameters, the catalog, the filters and the page', () => {
    const signature = new URLSearchParams({ p: 'slack', w: 'T', u: 'U', exp: '9', sig: 's', junk: 'x' });
    const state = readGalleryState(new URLSearchParams('catalog=alpha&style=oil&page=2'), registry);
    const next = new URL(galleryHref(signature, state, 3), 'http://x');
    for (const name of SIGNATURE_PARAMS) expect(next.searchParams.get(name)).toBe(signature.get(name));
    expect(next.searchParams.get('junk')).toBeNull();
    expect(Object.fromEntries(next.searchParams)).toMatchObject({
      catalog: 'alpha',
      style: 'oil',
      page: '3',
    });
    const item = new URL(itemHref(signature, state, 'g1'), 'http://x');
    expect(item.pathname).toBe('/gallery/item');
    expect(Object.fromEntries(item.searchParams)).toMatchObject({ id: 'g1', page: '2', style: 'oil' });
  });
});
