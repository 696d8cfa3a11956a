import { describe, expect, it } from 'vitest';
import { createCatalogRegistry } from '../../../../src/core/catalog/catalog-registry.js';
import { UserError } from '../../../../src/core/errors.js';
import { testCatalog } from '../prompt/test-catalog.js';

const kit = testCatalog();
const mascot = testCatalog((json) => {
  json.id = 'capitao-caverna';
  json.name = 'Capitão Caverna';
});
const apparel = testCatalog((json) => {
  json.id = 'cosmic-threads';
  json.name = 'Cosmic Threads';
});

describe('createCatalogRegistry', () => {
  it('lists catalogs by id and prefers capitao-caverna as the default', () => {
    const registry = createCatalogRegistry([kit, apparel, mascot]);
    expect(registry.list().map((c) => c.id)).toEqual(['capitao-caverna', 'cosmic-threads', 'test-kit']);
    expect(registry.defaultId).toBe('capitao-caverna');
  });

  it('falls back to the first id, or takes an explicit default', () => {
    expect(createCatalogRegistry([kit, apparel]).defaultId).toBe('cosmic-threads');
    expect(createCatalogRegistry([kit, apparel, mascot], 'test-kit').defaultId).toBe('test-kit');
    expect(() => createCatalogRegistry([kit], 'missing')).toThrow(/Default catalog "missing"/);
    expect(() => createCatalogRegistry([])).toThrow(/No catalogs/);
    expect(() => createCatalogRegistry([kit, kit])).toThrow(/Duplicate catalog ids/);
  });

  it('finds catalogs by id or name, ignoring case, accents and separators', () => {
    const registry = createCatalogRegistry([kit, apparel, mascot]);
    expect(registry.get('Capitão Caverna')).toBe(mascot);
    expect(registry.get('COSMIC threads')).toBe(apparel);
    expect(registry.has('capitao_caverna')).toBe(true);
    expect(registry.has('nope')).toBe(false);
  });

  it('throws unknown_catalog with the allowed ids and a suggestion', () => {
    const registry = createCatalogRegistry([kit, apparel, mascot]);
    let error: unknown;
    try {
      registry.get('cosmic-thread');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code: 'unknown_catalog',
      message:
        'Unknown catalog "cosmic-thread". Did you mean "cosmic-threads"? Allowed: capitao-caverna, cosmic-threads, test-kit.',
      details: { allowed: ['capitao-caverna', 'cosmic-threads', 'test-kit'], suggestion: 'cosmic-threads' },
    });
  });
});
