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
import { chatOptions, choice, dimensionGroup, integer, text } from './options.js';

/** Turns command input into generation params, or says which dimensions still need choosing. */
export const generateCommand = defineCommand({
  name: 'generate',
  description: 'Make an on-brand image: pick a style, pose, outfit and more',
  ephemeral: false,
  showsJobsIn: 'reply',
  options: chatOptions({
    dimensions: dimensionGroup(dimensionOptions),
    prompt: text('Extra details to add (optional)', {
      maxLength: EXTRA_MAX_LENGTH,
      tooLong: `at most ${EXTRA_MAX_LENGTH} characters`,
    }).optional(),
    seed: integer('Seed for a repeatable result', { min: 0, max: SEED_MAX }).optional(),
    aspect: choice('Image shape', ASPECTS, `expected one of ${ASPECTS.join(', ')}`).optional(),
    catalog: catalogChoiceOption().optional(),
  }),
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
