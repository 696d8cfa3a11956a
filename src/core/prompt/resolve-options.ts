import type { Catalog, CatalogDimension, CatalogOption } from '../catalog/schema.js';
import { UserError } from '../errors.js';
import { pickFitting, type Selection } from './compatibility.js';
import { normalizeKey, suggest, unknownValueMessage } from './suggest.js';

const keysOf = (item: { id: string; label: string }): readonly string[] => [item.id, item.label];

const matches = (item: { id: string; label: string }, key: string): boolean =>
  normalizeKey(item.id) === key || normalizeKey(item.label) === key;

/** A dimension by id or label, ignoring case, spaces and dashes. */
export const resolveDimension = (catalog: Catalog, input: string): CatalogDimension => {
  const key = normalizeKey(input);
  const found = catalog.dimensions.find((d) => matches(d, key));
  if (found !== undefined) return found;
  const allowed = catalog.dimensions.map((d) => d.id);
  const suggestion = suggest(input, catalog.dimensions, keysOf)?.id;
  throw new UserError('unknown_dimension', unknownValueMessage('dimension', input, allowed, suggestion), {
    allowed,
    ...(suggestion === undefined ? {} : { suggestion }),
  });
};

const startsWith = (item: { id: string; label: string }, key: string): boolean =>
  normalizeKey(item.id).startsWith(key) || normalizeKey(item.label).startsWith(key);

/** Shortest prefix accepted as a name: "comic" is clearly comic-book, "c" is not. */
const MIN_PREFIX = 3;

/**
 * An option by id or label ("Comic Book" → comic-book), ignoring case, spaces and dashes; an unambiguous
 * prefix ("comic") is accepted too, because people type `/generate style:comic` in chat.
 */
export const resolveOption = (dimension: CatalogDimension, input: string): CatalogOption => {
  const key = normalizeKey(input);
  const found = dimension.options.find((o) => matches(o, key));
  if (found !== undefined) return found;
  if (key.length >= MIN_PREFIX) {
    const prefixed = dimension.options.filter((o) => startsWith(o, key));
    if (prefixed.length === 1) return prefixed[0]!;
  }
  const allowed = dimension.options.map((o) => o.id);
  const suggestion = suggest(input, dimension.options, keysOf)?.id;
  const what = dimension.label.toLowerCase();
  throw new UserError('unknown_option', unknownValueMessage(what, input, allowed, suggestion), {
    allowed,
    field: dimension.id,
    ...(suggestion === undefined ? {} : { suggestion }),
  });
};

/**
 * Turns what someone typed into option ids keyed by dimension id, in catalog order. Blank values count as
 * not given (a cleared select menu), so the default applies.
 */
export const resolveOptions = (
  catalog: Catalog,
  given: Readonly<Record<string, string>>,
): Record<string, string> => {
  const chosen = new Map<string, string>();
  for (const [key, value] of Object.entries(given)) {
    const dimension = resolveDimension(catalog, key);
    if (value.trim() === '') continue;
    const option = resolveOption(dimension, value);
    const previous = chosen.get(dimension.id);
    if (previous !== undefined && previous !== option.id) {
      throw new UserError(
        'invalid_input',
        `${dimension.label} was given twice ("${previous}" and "${option.id}").`,
        {
          field: dimension.id,
        },
      );
    }
    chosen.set(dimension.id, option.id);
  }
  return Object.fromEntries(
    catalog.dimensions.filter((d) => chosen.has(d.id)).map((d) => [d.id, chosen.get(d.id)!] as const),
  );
};

/**
 * Fills every dimension not chosen, in catalog order. The catalog default is used when it fits what is
 * already chosen; otherwise the first value that does (a frame's own allowed list first), so a default
 * never turns an explicit, valid choice into an error. Returns a complete selection in catalog order.
 */
export const completeOptions = (catalog: Catalog, chosen: Selection): Record<string, string> => {
  const selection: Record<string, string> = { ...chosen };
  for (const dimension of catalog.dimensions) {
    if (selection[dimension.id] !== undefined) continue;
    const fallback = catalog.defaults[dimension.id] ?? dimension.options[0]!.id;
    const constrainedTo = catalog.dimensions.flatMap(
      (d) => d.options.find((o) => o.id === selection[d.id])?.allow?.[dimension.id] ?? [],
    );
    const candidates = new Set([fallback, ...constrainedTo, ...dimension.options.map((o) => o.id)]);
    selection[dimension.id] = pickFitting(catalog, selection, dimension.id, candidates) ?? fallback;
  }
  return Object.fromEntries(catalog.dimensions.map((d) => [d.id, selection[d.id]!] as const));
};
