import type { Aspect } from '../catalog/schema.js';
import { UserError } from '../errors.js';
import type { GenerationParams } from '../types.js';

export const MAX_SEED = 2 ** 31 - 1;
/**
 * Longer than any id or label a catalog may have (labels stop at 80), so nothing valid is refused; it
 * keeps typo suggestions (edit distance against every option) from spending seconds on a pasted wall.
 */
export const MAX_CHOICE_LENGTH = 200;

const invalid = (message: string, field: string) => new UserError('invalid_input', message, { field });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Echo a name someone typed, but never a wall of it. */
const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/**
 * Checks the shape of request params at the service boundary. Callers are typed, but chat payloads,
 * stored JSON and the CLI are not: anything other than text becomes a clear UserError instead of a
 * TypeError deep in the prompt engine. Null and blank values count as not given (a cleared menu or
 * empty modal field). Returns a fresh object with own properties only.
 */
export function sanitizeParams(params: unknown): GenerationParams {
  if (!isRecord(params)) throw invalid('The request has no options to work with.', 'options');
  const { catalogId, options, extra, aspect } = params;
  if (typeof catalogId !== 'string') throw invalid('The catalog must be given by its name.', 'catalog');
  if (catalogId.length > MAX_CHOICE_LENGTH) throw invalid('That catalog name is far too long.', 'catalog');
  if (options !== undefined && options !== null && !isRecord(options))
    throw invalid('The options must be given as name/value pairs.', 'options');
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw invalid(`The value for "${shown(key)}" must be text.`, key);
    if (key.length > MAX_CHOICE_LENGTH) throw invalid(`"${shown(key)}" is not an option name.`, 'options');
    if (value.length > MAX_CHOICE_LENGTH)
      throw invalid(`The value for "${shown(key)}" is far too long to be one of its choices.`, key);
    entries.push([key, value]);
  }
  if (extra !== undefined && extra !== null && typeof extra !== 'string')
    throw invalid('The extra text must be text.', 'extra');
  if (aspect !== undefined && aspect !== null && typeof aspect !== 'string')
    throw invalid('The aspect must be one of the listed shapes.', 'aspect');
  return {
    catalogId,
    // fromEntries defines own properties, so a key such as "__proto__" stays a plain (unknown) key.
    options: Object.fromEntries(entries),
    ...(typeof extra === 'string' ? { extra } : {}),
    ...(typeof aspect === 'string' && aspect !== '' ? { aspect: aspect as Aspect } : {}),
  };
}

/** A seed fal accepts: a whole number from 0 to 2^31 − 1 (anything else would break the record). */
export function checkSeed(seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw invalid(`The seed must be a whole number from 0 to ${MAX_SEED}.`, 'seed');
  return seed;
}
