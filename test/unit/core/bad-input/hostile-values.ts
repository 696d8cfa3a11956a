import fc from 'fast-check';
import type { CatalogRegistry } from '../../../../src/core/catalog/load-catalogs.js';
import { ASPECTS } from '../../../../src/core/catalog/schema.js';
import { UserError } from '../../../../src/core/errors.js';

/** Values that look like code, markup, templates or SQL to something downstream. */
export const INJECTIONS = [
  '{character}',
  '{extra}',
  '{style}',
  '{style.lighting}',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template-injection probe
  '${7*7}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template-injection probe
  '${process.env.FAL_KEY}',
  '#{7*7}',
  '%s%s%n',
  "'; DROP TABLE generations; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '@everyone',
  '<@&123456789012345678>',
  '../../etc/passwd',
  '\\u0000',
  'null',
  'undefined',
  'NaN',
] as const;

/** Keys that mean something to JavaScript objects. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
] as const;

/** Invisible, direction-changing and otherwise tricky characters. */
export const TRICKY_CHARACTERS = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '\ue000',
  '\u0301',
  'ﬁ',
  'ｃｏｍｉｃ',
  '𝔠𝔬𝔪𝔦𝔠',
  '👩🏽‍🚀',
  'مرحبا',
  'שלום',
  '\t\n\r',
] as const;

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n));

/** Any text a person (or a forged payload) could send, from plain to hostile. */
export function hostileString(known: readonly string[] = []): fc.Arbitrary<string> {
  const pieces = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...INJECTIONS, ...PROTOTYPE_KEYS, ...TRICKY_CHARACTERS),
    fc.string({ unit: controlChar, maxLength: 8 }),
    ...(known.length > 0 ? [fc.constantFrom(...known)] : []),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(pieces, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '   \t ') },
    // Oversized: beyond any chat field (Discord allows 6 000 characters, Slack modals 3 000).
    {
      weight: 1,
      arbitrary: fc
        .tuple(pieces, fc.integer({ min: 200, max: 3_000 }))
        .map(([p, n]) => p.repeat(n).slice(0, 10_000)),
    },
  );
}

/** Values of the wrong type where text is expected. */
export const nonString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.constant(Symbol('x')),
  fc.constant(() => 'fn'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constant(Object.create(null)),
  fc.constant(new Date(0)),
);

/** Every dimension id, option id and label the loaded catalogs know (so some inputs are valid). */
export function knownWords(catalogs: CatalogRegistry): string[] {
  const words = new Set<string>(ASPECTS);
  for (const catalog of catalogs.list()) {
    words.add(catalog.id);
    words.add(catalog.name);
    for (const d of catalog.dimensions) {
      words.add(d.id);
      words.add(d.label);
      for (const o of d.options) {
        words.add(o.id);
        words.add(o.label);
      }
    }
  }
  return [...words];
}

/** An object with own properties only: a "__proto__" key stays a key instead of changing the prototype. */
export function recordOf(key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>, maxKeys = 6) {
  return fc.array(fc.tuple(key, value), { maxLength: maxKeys }).map((entries) => Object.fromEntries(entries));
}

/** `{"__proto__": …}` as JSON.parse builds it: an own key, not a prototype change. */
export function jsonProtoKey(words: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const json = fc.oneof(hostileString(words), fc.integer(), fc.boolean(), fc.constant(null));
  return json.map((v) => JSON.parse(`{"__proto__": ${JSON.stringify(v)}}`) as Record<string, unknown>);
}

/** Option maps keyed by real dimension ids, prototype keys or junk; values of any kind. */
export function optionMaps(catalogs: CatalogRegistry): fc.Arbitrary<unknown> {
  const words = knownWords(catalogs);
  const dimensionIds = [...new Set(catalogs.list().flatMap((c) => c.dimensions.map((d) => d.id)))];
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...dimensionIds) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 2, arbitrary: hostileString(words) },
  );
  const value = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...words) },
    { weight: 4, arbitrary: hostileString(words) },
    { weight: 1, arbitrary: nonString },
  );
  return fc.oneof(
    { weight: 8, arbitrary: recordOf(key, value) },
    // What JSON.parse makes of a hostile body: an own "__proto__" key.
    { weight: 1, arbitrary: jsonProtoKey(words) },
    { weight: 1, arbitrary: nonString },
  );
}

/** Whole request params: mostly the right shape with hostile values, sometimes not even an object. */
export function hostileParams(catalogs: CatalogRegistry): fc.Arbitrary<unknown> {
  const words = knownWords(catalogs);
  const text = fc.oneof(hostileString(words), nonString);
  const record = fc.record(
    {
      catalogId: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...catalogs.list().map((c) => c.id)) },
        { weight: 1, arbitrary: text },
      ),
      options: optionMaps(catalogs),
      extra: fc.oneof(hostileString(words), nonString),
      aspect: fc.oneof(fc.constantFrom(...ASPECTS, 'Square', ' wide ', 'SQUARE'), text),
    },
    { requiredKeys: ['catalogId'] },
  );
  return fc.oneof({ weight: 12, arbitrary: record }, { weight: 1, arbitrary: fc.anything() });
}

/** A UserError a person can act on: short, no internals, no wall of their own input echoed back. */
export function isClearUserError(error: unknown): boolean {
  if (!(error instanceof UserError)) return false;
  const { message } = error;
  return (
    message.trim().length > 0 &&
    message.length <= 1_500 &&
    !/\[object |TypeError|undefined is not|Cannot read prop|at .+\.(?:ts|js):\d+/.test(message)
  );
}
