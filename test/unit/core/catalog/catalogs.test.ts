import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRegistry } from '../../../../src/core/catalog/catalog-registry.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import type { Catalog } from '../../../../src/core/catalog/schema.js';
import { UserError } from '../../../../src/core/errors.js';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';
import { buildSequence } from '../../../../src/core/prompt/sequence.js';
import { CATALOGS_DIR } from '../../../../src/paths.js';

/** The shipped brand catalogs: content checks a designer would otherwise do by eye. */
let registry: CatalogRegistry;
beforeAll(async () => {
  registry = await loadCatalogs();
});

const catalogs = (): Catalog[] => registry.list();

/** Every single-option choice of a catalog, as [dimension, option] pairs. */
const singleChoices = (catalog: Catalog) =>
  catalog.dimensions.flatMap((d) => d.options.map((o) => [d.id, o.id] as const));

describe('shipped catalogs', () => {
  it('loads every file in catalogs/, with capitao-caverna as the default', async () => {
    const files = (await readdir(CATALOGS_DIR)).filter((f) => f.endsWith('.json'));
    expect(catalogs().map((c) => `${c.id}.json`)).toEqual(files.sort());
    expect(registry.defaultId).toBe('capitao-caverna');
    expect(registry.get('cosmic-threads').styleDimension).toBe('style');
  });

  it('fits chat limits: 8–25 options per dimension, labels ≤ 80, descriptions ≤ 100', () => {
    for (const catalog of catalogs()) {
      for (const dimension of catalog.dimensions) {
        const where = `${catalog.id}/${dimension.id}`;
        expect(dimension.options.length, where).toBeGreaterThanOrEqual(8);
        expect(dimension.options.length, where).toBeLessThanOrEqual(25);
        expect(dimension.label.length, where).toBeLessThanOrEqual(45);
        for (const option of dimension.options) {
          expect(option.label.length, `${where}/${option.id}`).toBeLessThanOrEqual(80);
          expect(option.description.length, `${where}/${option.id}`).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('has the mascot dimensions in order and an onboarding sequence of about eight frames', () => {
    const mascot = registry.get('capitao-caverna');
    expect(mascot.dimensions.map((d) => d.id)).toEqual([
      'style',
      'pose',
      'outfit',
      'footwear',
      'prop',
      'frame',
    ]);
    expect(mascot.sequence?.dimension).toBe('frame');
    expect(mascot.sequence?.frames.length).toBeGreaterThanOrEqual(7);
    expect(mascot.freeText.maxLength).toBe(300);
    expect(mascot.freeText.blockedWords).toContain('celebrity');
  });

  it('builds a complete, tidy prompt for every option of every dimension', () => {
    for (const catalog of catalogs()) {
      const hashes = new Set<string>();
      for (const [dimension, id] of singleChoices(catalog)) {
        const built = buildPrompt(catalog, { options: { [dimension]: id } });
        const option = catalog.dimensions.find((d) => d.id === dimension)!.options.find((o) => o.id === id)!;
        expect(built.options[dimension]).toBe(id);
        expect(built.prompt).toContain(option.prompt);
        expect(built.prompt).not.toMatch(/[{}]|\s{2}|\s[.,;:]|[.,;:]\s*[.,;:]/);
        expect(built.negativePrompt).not.toBe('');
        hashes.add(built.hash);
      }
      // A default given explicitly hashes like the default left out: one hash per non-default choice, plus one.
      const nonDefault = singleChoices(catalog).filter(([d, id]) => catalog.defaults[d] !== id).length;
      expect(hashes.size).toBe(nonDefault + 1);
    }
  });

  it('keeps prompts short enough for the model to read most of them', () => {
    // FLUX reads a limited number of text tokens; the most important parts come first, but bloat costs.
    for (const catalog of catalogs()) {
      for (const [dimension, id] of singleChoices(catalog)) {
        expect(buildPrompt(catalog, { options: { [dimension]: id } }).prompt.length).toBeLessThan(2600);
      }
    }
  });

  it('builds every frame of the sequence, with its positioning and lighting', () => {
    const mascot = registry.get('capitao-caverna');
    const frames = buildSequence(mascot, { options: {} });
    expect(frames.map((f) => f.options.frame)).toEqual(mascot.sequence!.frames);
    const frameOptions = mascot.dimensions.find((d) => d.id === 'frame')!.options;
    for (const built of frames) {
      const frame = frameOptions.find((o) => o.id === built.options.frame)!;
      expect(built.prompt).toContain(frame.positioning!);
      expect(built.prompt).toContain(frame.lighting!);
    }
  });

  it('builds the whole sequence for every valid pair of shared choices', () => {
    const mascot = registry.get('capitao-caverna');
    const shared = singleChoices(mascot).filter(([d]) => d !== 'frame');
    let pairs = 0;
    for (const [i, [d1, o1]] of shared.entries()) {
      for (const [d2, o2] of shared.slice(i + 1)) {
        if (d1 === d2) continue;
        const options = { [d1]: o1, [d2]: o2 };
        try {
          buildPrompt(mascot, { options });
        } catch {
          continue; // the pair itself is incompatible: the sequence rightly refuses it too
        }
        expect(() => buildSequence(mascot, { options }), JSON.stringify(options)).not.toThrow();
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(1000);
  });

  it('makes every rule reachable, with a reason and an alternative', () => {
    for (const catalog of catalogs()) {
      for (const rule of catalog.rules) {
        expect(rule.reason).toMatch(/^[A-Z].{20,110}\.$/);
        const [target, forbidden] = Object.entries(rule.forbid)[0]!;
        const options = { ...Object.fromEntries(Object.entries(rule.when).map(([d, ids]) => [d, ids[0]!])) };
        options[target] = forbidden[0]!;
        let error: unknown;
        try {
          buildPrompt(catalog, { options });
        } catch (e) {
          error = e;
        }
        expect(error, JSON.stringify(rule)).toBeInstanceOf(UserError);
        expect((error as UserError).code).toBe('incompatible');
        expect((error as UserError).message).toContain(rule.reason);
        expect((error as UserError).details.allowed?.length).toBeGreaterThan(0);
      }
    }
  });

  it('blocks unsafe and impersonation requests in extra text', () => {
    for (const catalog of catalogs()) {
      for (const extra of ['a NUDE version', 'make him a celebrity', 'b l o o d everywhere']) {
        expect(() => buildPrompt(catalog, { options: {}, extra }), `${catalog.id}: ${extra}`).toThrow(
          expect.objectContaining({ code: 'text_blocked' }),
        );
      }
      expect(buildPrompt(catalog, { options: {}, extra: 'wearing a tiny party hat' }).prompt).toContain(
        'wearing a tiny party hat',
      );
    }
  });
});
