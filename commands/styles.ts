import { z } from 'zod';
import { defineCommand } from './define.js';
import { catalogChoiceOption } from './dimension-options.js';

export interface StylesInput {
  catalog: string | undefined;
  style: string | undefined;
}

/** The style browser: one example image per style (made by `atelier batch`). */
export const stylesCommand = defineCommand<StylesInput>({
  name: 'styles',
  description: 'Browse the styles, with an example image of each',
  ephemeral: true,
  options: (catalogs) => [...catalogChoiceOption(catalogs)],
  schema: () =>
    z
      .strictObject({ catalog: z.string().max(40).optional(), style: z.string().max(100).optional() })
      .transform((raw) => ({ catalog: raw.catalog, style: raw.style })) as unknown as z.ZodType<StylesInput>,
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
