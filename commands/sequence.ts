import { z } from 'zod';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import { UserError } from '../src/core/errors.js';
import { defineCommand, type OptionSpec } from './define.js';
import { completeDimension, SEED_MAX } from './dimension-options.js';

export interface SequenceInput {
  catalog: string | undefined;
  dimensions: Record<string, string>;
  seed: number | undefined;
}

/** Catalogs with an onboarding sequence, and the character dimensions shared by its frames. */
function sequenceCatalogs(catalogs: CatalogRegistry) {
  return catalogs.list().filter((c) => c.sequence);
}

function sharedDimensionOptions(catalogs: CatalogRegistry): OptionSpec[] {
  const seen = new Set<string>();
  const specs: OptionSpec[] = [];
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
export const sequenceCommand = defineCommand<SequenceInput>({
  name: 'sequence',
  description: 'Generate every frame of the onboarding sequence in a thread',
  ephemeral: false,
  showsJobsIn: 'thread',
  options: (catalogs) => {
    const withSequence = sequenceCatalogs(catalogs);
    return [
      ...sharedDimensionOptions(catalogs),
      { kind: 'integer', name: 'seed', description: 'One seed shared by every frame', min: 0, max: SEED_MAX },
      ...(withSequence.length > 1
        ? [
            {
              kind: 'string' as const,
              name: 'catalog',
              description: 'Brand catalog',
              choices: withSequence.map((c) => ({ name: c.name, value: c.id })),
            },
          ]
        : []),
    ];
  },
  schema: (catalogs) => {
    const shape: Record<string, z.ZodType> = {
      catalog: z.string().max(40).optional(),
      seed: z.coerce.number().int().min(0).max(SEED_MAX).optional(),
    };
    for (const spec of sharedDimensionOptions(catalogs))
      shape[spec.name] = z.string().trim().min(1).max(100).optional();
    return z.strictObject(shape).transform((raw) => {
      const dimensions: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw))
        if (k !== 'catalog' && k !== 'seed' && typeof v === 'string') dimensions[k] = v;
      return { catalog: raw.catalog as string | undefined, dimensions, seed: raw.seed as number | undefined };
    }) as unknown as z.ZodType<SequenceInput>;
  },
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
