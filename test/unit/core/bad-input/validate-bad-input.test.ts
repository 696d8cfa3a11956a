import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASPECTS, type Catalog } from '../../../../src/core/catalog/schema.js';
import { UserError } from '../../../../src/core/errors.js';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';
import type { BuiltPrompt } from '../../../../src/core/types.js';
import {
  hostileParams,
  hostileString,
  INJECTIONS,
  isClearUserError,
  knownWords,
  PROTOTYPE_KEYS,
  recordOf,
} from './hostile-values.js';
import { type InMemoryCore, startInMemoryCore } from './in-memory-core.js';

let core: InMemoryCore;
beforeAll(async () => {
  core = await startInMemoryCore();
});
afterAll(async () => {
  await core?.close();
});

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

/** What every BuiltPrompt must be, whatever went in. */
function expectWellFormed(catalog: Catalog, built: BuiltPrompt) {
  expect(built.catalogId).toBe(catalog.id);
  expect(Object.keys(built.options)).toEqual(catalog.dimensions.map((d) => d.id));
  for (const d of catalog.dimensions) expect(d.options.map((o) => o.id)).toContain(built.options[d.id]);
  expect(ASPECTS).toContain(built.aspect);
  expect(built.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(built.width % 64).toBe(0);
  expect(built.height % 64).toBe(0);
  expect(built.prompt.length).toBeGreaterThan(0);
  expect(INVISIBLE.test(built.extra)).toBe(false);
  expect([...built.extra].length).toBeLessThanOrEqual(catalog.freeText.maxLength);
  // The person's text lands once, literally: "{character}" in it is never expanded.
  const sentence = built.extra.replace(/[\s.,;:]+$/u, '');
  if (sentence !== '') expect(built.prompt).toContain(sentence);
}

/** Runs fn; the only acceptable failure is a clear UserError. */
function outcome<T>(fn: () => T): { ok: T } | { userError: UserError } {
  try {
    return { ok: fn() };
  } catch (error) {
    if (!isClearUserError(error)) throw error;
    return { userError: error as UserError };
  }
}

describe('bad input: prompt engine and service.validate', () => {
  it('buildPrompt turns any text in any field into a well-formed prompt or a clear UserError', () => {
    const words = knownWords(core.catalogs);
    const dimensionIds = [...new Set(core.catalogs.list().flatMap((c) => c.dimensions.map((d) => d.id)))];
    const key = fc.oneof(fc.constantFrom(...dimensionIds, ...PROTOTYPE_KEYS), hostileString(words));
    fc.assert(
      fc.property(
        fc.constantFrom(...core.catalogs.list()),
        recordOf(key, fc.oneof(fc.constantFrom(...words), hostileString(words))),
        fc.option(hostileString(words), { nil: undefined }),
        fc.option(fc.oneof(fc.constantFrom(...ASPECTS), hostileString(words)), { nil: undefined }),
        (catalog, options, extra, aspect) => {
          const params = {
            options: options as Record<string, string>,
            ...(extra === undefined ? {} : { extra }),
            ...(aspect === undefined ? {} : { aspect: aspect as (typeof ASPECTS)[number] }),
          };
          const result = outcome(() => buildPrompt(catalog, params));
          if ('ok' in result) expectWellFormed(catalog, result.ok);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('service.validate answers arbitrary params (wrong types, prototype keys, non-objects) with a prompt or a UserError', () => {
    fc.assert(
      fc.property(hostileParams(core.catalogs), (params) => {
        const result = outcome(() => core.service.validate(params as never));
        if ('ok' in result) expectWellFormed(core.catalogs.get(result.ok.catalogId), result.ok);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps injection-looking free text literal and the prompt identical for equivalent input', () => {
    for (const text of INJECTIONS) {
      const result = outcome(() =>
        core.service.validate({ catalogId: 'capitao-caverna', options: {}, extra: `wearing ${text}` }),
      );
      if ('userError' in result) {
        expect(result.userError.code).toMatch(/^text_/);
        continue;
      }
      expect(result.ok.prompt).toContain(`wearing ${text.trim()}`);
      // Zero-width and bidi characters do not make a different prompt (or a different cache entry).
      const sneaky = core.service.validate({
        catalogId: 'capitao-caverna',
        options: {},
        extra: `\u200bwearing\u202e ${text}\u2060`,
      });
      expect(sneaky.hash).toBe(result.ok.hash);
    }
  });

  it('names the field when a value has the wrong type or a prototype key is used as a dimension', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'options'],
      ['capitao-caverna', 'options'],
      [{ catalogId: 42, options: {} }, 'catalog'],
      [{ catalogId: 'capitao-caverna', options: [] }, 'options'],
      [{ catalogId: 'capitao-caverna', options: { style: 7 } }, 'style'],
      [{ catalogId: 'capitao-caverna', options: { style: { toString: () => 'comic' } } }, 'style'],
      [{ catalogId: 'capitao-caverna', options: {}, extra: ['a'] }, 'extra'],
      [{ catalogId: 'capitao-caverna', options: {}, aspect: 1 }, 'aspect'],
    ];
    for (const [params, field] of cases) {
      const attempt = () => core.service.validate(params as never);
      expect(attempt).toThrow(UserError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid_input', details: { field } });
        expect(isClearUserError(error)).toBe(true);
      }
    }
    for (const key of PROTOTYPE_KEYS) {
      const options = JSON.parse(`{${JSON.stringify(key)}: "comic"}`) as Record<string, string>;
      expect(() => core.service.validate({ catalogId: 'capitao-caverna', options })).toThrow(
        expect.objectContaining({ code: 'unknown_dimension' }),
      );
      expect(() => core.service.validate({ catalogId: key, options: {} })).toThrow(
        expect.objectContaining({ code: 'unknown_catalog' }),
      );
      expect(() => core.service.validate({ catalogId: 'capitao-caverna', options: { style: key } })).toThrow(
        expect.objectContaining({ code: 'unknown_option' }),
      );
    }
    // Nothing leaked onto the shared prototype.
    expect(({} as Record<string, unknown>).comic).toBeUndefined();
  });

  it('treats null values as not given, as a cleared menu or an empty modal field would send them', () => {
    const built = core.service.validate({
      catalogId: 'capitao-caverna',
      options: { style: null, pose: undefined } as never,
      extra: null as never,
      aspect: null as never,
    });
    const defaults = core.service.validate({ catalogId: 'capitao-caverna', options: {} });
    expect(built.hash).toBe(defaults.hash);
  });

  it('answers an oversized value quickly, echoing only a short piece of it', () => {
    const huge = `comic${'x'.repeat(20_000)}`;
    const started = performance.now();
    const result = outcome(() =>
      core.service.validate({ catalogId: 'capitao-caverna', options: { style: huge }, extra: huge }),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect('userError' in result && result.userError.message.length).toBeLessThan(600);
  });
});
