import { UserError } from '../errors.js';
import { normalizeKey, suggest, unknownValueMessage } from '../prompt/suggest.js';
import type { Catalog } from './schema.js';

export interface CatalogRegistry {
  /** Every catalog, sorted by id. */
  list(): Catalog[];
  /** By id or name, ignoring case, accents, spaces and dashes; throws UserError 'unknown_catalog'. */
  get(id: string): Catalog;
  has(id: string): boolean;
  /** The catalog used when a command names none. */
  readonly defaultId: string;
}

/** The brand's own mascot catalog is the default whenever it is installed. */
export const PREFERRED_DEFAULT_CATALOG = 'capitao-caverna';

export const createCatalogRegistry = (catalogs: readonly Catalog[], defaultId?: string): CatalogRegistry => {
  const sorted = [...catalogs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = sorted[0];
  if (first === undefined) throw new Error('No catalogs: add at least one catalog file.');
  const ids = sorted.map((c) => c.id);
  if (new Set(ids).size !== ids.length) throw new Error(`Duplicate catalog ids: ${ids.join(', ')}`);
  const chosenDefault =
    defaultId ?? (ids.includes(PREFERRED_DEFAULT_CATALOG) ? PREFERRED_DEFAULT_CATALOG : first.id);
  if (!ids.includes(chosenDefault))
    throw new Error(`Default catalog "${chosenDefault}" is not among: ${ids.join(', ')}`);

  const find = (input: string): Catalog | undefined => {
    const key = normalizeKey(input);
    return sorted.find((c) => normalizeKey(c.id) === key || normalizeKey(c.name) === key);
  };
  return {
    defaultId: chosenDefault,
    list: () => [...sorted],
    has: (id) => find(id) !== undefined,
    get: (id) => {
      const found = find(id);
      if (found !== undefined) return found;
      const suggestion = suggest(id, sorted, (c) => [c.id, c.name])?.id;
      throw new UserError('unknown_catalog', unknownValueMessage('catalog', id, ids, suggestion), {
        allowed: ids,
        field: 'catalog',
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    },
  };
};
