import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import { catalogPicker, type LeafOptionSpec, type OptionChoice } from './options.js';

export const EXTRA_MAX_LENGTH = 300;
export const SEED_MAX = 2 ** 31 - 1;
/** Discord allows 25 choices per option; beyond that (or when catalogs differ) we autocomplete. */
const MAX_CHOICES = 25;

/**
 * One option per dimension of any loaded catalog, named by the dimension id. A dimension with one
 * definition and ≤ 25 options gets fixed choices; one shared by several catalogs autocompletes against the
 * chosen catalog.
 */
export function dimensionOptions(catalogs: CatalogRegistry): LeafOptionSpec[] {
  const specs = new Map<string, LeafOptionSpec>();
  const ordered = [
    catalogs.get(catalogs.defaultId),
    ...catalogs.list().filter((c) => c.id !== catalogs.defaultId),
  ];
  const owners = new Map<string, number>();
  for (const catalog of ordered)
    for (const d of catalog.dimensions) owners.set(d.id, (owners.get(d.id) ?? 0) + 1);
  for (const catalog of ordered) {
    for (const dimension of catalog.dimensions) {
      if (specs.has(dimension.id)) continue;
      const shared = (owners.get(dimension.id) ?? 0) > 1;
      const fixed = !shared && dimension.options.length <= MAX_CHOICES;
      specs.set(dimension.id, {
        kind: 'string',
        name: dimension.id,
        description: dimension.description.slice(0, 100),
        ...(fixed
          ? { choices: dimension.options.map((o) => ({ name: o.label.slice(0, 100), value: o.id })) }
          : { autocomplete: true }),
      });
    }
  }
  return [...specs.values()];
}

/** The brand catalog to use, offered when there are several. */
export const catalogChoiceOption = () =>
  catalogPicker((catalogs) => `Brand catalog (default: ${catalogs.defaultId})`);

/** Autocomplete for a dimension against the catalog chosen so far (or the default one). */
export function completeDimension(
  option: string,
  typed: string,
  raw: Record<string, unknown>,
  catalogs: CatalogRegistry,
): OptionChoice[] {
  const catalogId =
    typeof raw.catalog === 'string' && catalogs.has(raw.catalog) ? raw.catalog : catalogs.defaultId;
  const dimension = catalogs.get(catalogId).dimensions.find((d) => d.id === option);
  if (!dimension) return [];
  const needle = typed.trim().toLowerCase();
  return dimension.options
    .filter((o) => !needle || o.id.includes(needle) || o.label.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map((o) => ({ name: o.label.slice(0, 100), value: o.id }));
}
