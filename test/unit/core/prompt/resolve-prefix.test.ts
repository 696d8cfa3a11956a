import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';

describe('option names typed in chat', () => {
  it('accepts an unambiguous prefix of an id or label (the issue example: style:comic pose:flex)', async () => {
    const catalog = (await loadCatalogs()).get('capitao-caverna');
    const built = buildPrompt(catalog, { catalogId: catalog.id, options: { style: 'comic', pose: 'flex' } });
    expect(built.options.style).toBe('comic-book');
    expect(built.options.pose).toBe('flexing');
    const exact = buildPrompt(catalog, {
      catalogId: catalog.id,
      options: { style: 'comic-book', pose: 'flexing' },
    });
    expect(built.hash).toBe(exact.hash);
  });

  it('refuses prefixes that are too short or match several options, naming the allowed values', async () => {
    const catalog = (await loadCatalogs()).get('capitao-caverna');
    // "anim" starts both animated-3d and anime-cel; "st" is shorter than any accepted prefix.
    expect(() => buildPrompt(catalog, { catalogId: catalog.id, options: { style: 'anim' } })).toThrow(
      /Unknown style "anim"[\s\S]*Allowed: .*animated-3d.*anime-cel/,
    );
    expect(() => buildPrompt(catalog, { catalogId: catalog.id, options: { prop: 'stone' } })).toThrow(
      /Allowed:/,
    );
    expect(() => buildPrompt(catalog, { catalogId: catalog.id, options: { pose: 'fl' } })).toThrow(
      /Allowed:/,
    );
  });
});
