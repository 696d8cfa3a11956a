import { z } from 'zod';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import { ASPECTS } from '../src/core/catalog/schema.js';
import type { GenerationParams } from '../src/core/types.js';
import { defineCommand } from './define.js';
import {
  catalogChoiceOption,
  completeDimension,
  dimensionOptions,
  EXTRA_MAX_LENGTH,
  SEED_MAX,
} from './dimension-options.js';

export interface GenerateInput {
  catalog: string | undefined;
  dimensions: Record<string, string>;
  prompt: string | undefined;
  seed: number | undefined;
  aspect: (typeof ASPECTS)[number] | undefined;
}

const FIXED = ['catalog', 'prompt', 'seed', 'aspect'];

function generateSchema(catalogs: CatalogRegistry): z.ZodType<GenerateInput> {
  const dimensionIds = [...new Set(catalogs.list().flatMap((c) => c.dimensions.map((d) => d.id)))];
  const shape: Record<string, z.ZodType> = {
    catalog: z.string().max(40).optional(),
    prompt: z.string().max(EXTRA_MAX_LENGTH, `at most ${EXTRA_MAX_LENGTH} characters`).optional(),
    seed: z.coerce.number().int().min(0).max(SEED_MAX).optional(),
    aspect: z.enum(ASPECTS, { message: `expected one of ${ASPECTS.join(', ')}` }).optional(),
  };
  for (const id of dimensionIds) shape[id] = z.string().trim().min(1).max(100).optional();
  return z.strictObject(shape).transform((raw) => {
    const dimensions: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw))
      if (!FIXED.includes(key) && typeof value === 'string') dimensions[key] = value;
    return {
      catalog: raw.catalog as string | undefined,
      dimensions,
      prompt: raw.prompt as string | undefined,
      seed: raw.seed as number | undefined,
      aspect: raw.aspect as GenerateInput['aspect'],
    };
  }) as unknown as z.ZodType<GenerateInput>;
}

/** Turns command input into generation params, or says which dimensions still need choosing. */
export const generateCommand = defineCommand<GenerateInput>({
  name: 'generate',
  description: 'Make an on-brand image: pick a style, pose, outfit and more',
  ephemeral: false,
  showsJobsIn: 'reply',
  options: (catalogs) => [
    ...dimensionOptions(catalogs),
    {
      kind: 'string',
      name: 'prompt',
      description: 'Extra details to add (optional)',
      maxLength: EXTRA_MAX_LENGTH,
    },
    { kind: 'integer', name: 'seed', description: 'Seed for a repeatable result', min: 0, max: SEED_MAX },
    {
      kind: 'string',
      name: 'aspect',
      description: 'Image shape',
      choices: ASPECTS.map((a) => ({ name: a, value: a })),
    },
    ...catalogChoiceOption(catalogs),
  ],
  schema: generateSchema,
  complete: completeDimension,
  async handle(input, ctx) {
    const catalog = ctx.catalogs.get(input.catalog ?? ctx.catalogs.defaultId);
    const params: GenerationParams = {
      catalogId: catalog.id,
      options: input.dimensions,
      ...(input.prompt ? { extra: input.prompt } : {}),
      ...(input.aspect ? { aspect: input.aspect } : {}),
    };
    // Validate what was given now, so a typo is answered before any menu appears.
    ctx.service.validate(params);
    const missing = catalog.dimensions.map((d) => d.id).filter((id) => input.dimensions[id] === undefined);
    if (missing.length > 0)
      return {
        type: 'choose',
        catalog,
        given: input.dimensions,
        missing,
        extra: input.prompt,
        seed: input.seed,
        aspect: input.aspect,
      };
    const generation = await ctx.service.request({
      requester: ctx.requester,
      params,
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
    });
    return { type: 'jobs', generations: [generation] };
  },
});
