import { z } from 'zod';
import { defineCommand } from './define.js';
import { catalogChoiceOption } from './dimension-options.js';
import { chatOptions } from './options.js';

/** The style browser: one example image per style (made by `atelier batch`). */
export const stylesCommand = defineCommand({
  name: 'styles',
  description: 'Browse the styles, with an example image of each',
  ephemeral: true,
  options: chatOptions({
    catalog: catalogChoiceOption().optional(),
    // Not offered: the style buttons carry it.
    style: z.string().max(100).optional(),
  }),
  async handle(input, ctx) {
    const catalog = ctx.catalogs.get(input.catalog ?? ctx.catalogs.defaultId);
    const examples = await ctx.service.examples(catalog.id);
    let selected: string | undefined;
    if (input.style) {
      const built = ctx.service.validate({
        catalogId: catalog.id,
        options: { [catalog.styleDimension]: input.style },
      });
      selected = built.options[catalog.styleDimension];
    }
    return { type: 'styles', catalog, examples, selected };
  },
});
