import type { CatalogRegistry } from '../core/catalog/load-catalogs.js';
import { ASPECTS, type Aspect } from '../core/catalog/schema.js';
import { UserError } from '../core/errors.js';
import type { GenerationParams } from '../core/types.js';
import { type ParsedArgs, UsageError } from './args.js';

const RESERVED = new Set(['catalog', 'extra', 'prompt', 'aspect', 'seed', 'json']);

/** Turns `--catalog C --style comic --extra "…"` into generation params; unknown options are refused. */
export function paramsFromArgs(args: ParsedArgs, catalogs: CatalogRegistry, allowed: readonly string[] = []) {
  const catalog = catalogs.get(args.options.get('catalog') ?? catalogs.defaultId);
  const dimensionIds = catalog.dimensions.map((d) => d.id);
  const options: Record<string, string> = {};
  for (const [key, value] of args.options) {
    if (RESERVED.has(key) || allowed.includes(key)) continue;
    if (!dimensionIds.includes(key))
      throw new UserError(
        'unknown_dimension',
        `Unknown option --${key}. ${catalog.id} has: ${dimensionIds.map((d) => `--${d}`).join(', ')}.`,
        {
          allowed: dimensionIds,
        },
      );
    options[key] = value;
  }
  const aspect = args.options.get('aspect');
  if (aspect !== undefined && !ASPECTS.includes(aspect as Aspect))
    throw new UserError('invalid_input', `Unknown aspect "${aspect}". Allowed: ${ASPECTS.join(', ')}.`, {
      allowed: ASPECTS,
    });
  const extra = args.options.get('extra') ?? args.options.get('prompt');
  const params: GenerationParams = {
    catalogId: catalog.id,
    options,
    ...(extra !== undefined ? { extra } : {}),
    ...(aspect !== undefined ? { aspect: aspect as Aspect } : {}),
  };
  const seedText = args.options.get('seed');
  let seed: number | undefined;
  if (seedText !== undefined) {
    seed = Number(seedText);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
      throw new UsageError(`--seed expects a whole number from 0 to ${2 ** 31 - 1}`);
  }
  return { catalog, params, seed };
}
