import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import { UserError } from '../src/core/errors.js';
import { defineCommand } from './define.js';
import { completeDimension, SEED_MAX } from './dimension-options.js';
import { catalogPicker, chatOptions, dimensionGroup, integer, type LeafOptionSpec } from './options.js';

/** Catalogs with an onboarding sequence, and the character dimensions shared by its frames. */
function sequenceCatalogs(catalogs: CatalogRegistry) {
  return catalogs.list().filter((c) => c.sequence);
}

function sharedDimensionOptions(catalogs: CatalogRegistry): LeafOptionSpec[] {
  const seen = new Set<string>();
  const specs: LeafOptionSpec[] = [];
  for (const catalog of sequenceCatalogs(catalogs))
    for (const d of catalog.dimensions) {
      if (d.id === catalog.sequence!.dimension || seen.has(d.id)) continue;
      seen.add(d.id);
      specs.push({
        kind: 'string',
        name: d.id,
        description: `${d.label} shared by every frame`.slice(0, 100),
        autocomplete: true,
      });
    }
  return specs;
}

/** Every frame of the catalog's onboarding sequence, each with its own live status, in a thread. */
export const sequenceCommand = defineCommand({
  name: 'sequence',
  description: 'Generate every frame of the onboarding sequence in a thread',
  ephemeral: false,
  showsJobsIn: 'thread',
  options: chatOptions({
    dimensions: dimensionGroup(sharedDimensionOptions),
    seed: integer('One seed shared by every frame', { min: 0, max: SEED_MAX }).optional(),
    catalog: catalogPicker(() => 'Brand catalog', sequenceCatalogs).optional(),
  }),
  complete: completeDimension,
  async handle(input, ctx) {
    const catalog = ctx.catalogs.get(
      input.catalog ?? sequenceCatalogs(ctx.catalogs)[0]?.id ?? ctx.catalogs.defaultId,
    );
    if (!catalog.sequence)
      throw new UserError('invalid_input', `${catalog.name} has no onboarding sequence.`);
    const generations = await ctx.service.sequence(
      ctx.requester,
      { catalogId: catalog.id, options: input.dimensions },
      input.seed,
    );
    return { type: 'jobs', generations, thread: `${catalog.name} — onboarding sequence` };
  },
});
