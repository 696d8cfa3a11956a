import { z } from 'zod';

/**
 * What one image endpoint takes and gives back: the request body is built from it, so a model never
 * receives a field it does not declare, and the prompt is fitted to what it reads. Shipped profiles live
 * in src/infra/fal/profiles/ (each citing fal's published input type); an operator can write one for an
 * endpoint we do not ship (FAL_MODEL_PROFILE), validated with this same schema.
 */

const field = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name such as image_size');
const ratio = z.string().regex(/^\d+:\d+$/, 'an aspect ratio such as 16:9');
const side = z.number().int().min(1).max(14_142);

const budgetSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('t5-tokens'), max: z.number().int().min(2) }),
  z.strictObject({ unit: z.literal('characters'), max: z.number().int().min(1) }),
]);

export const modelProfileSchema = z
  .strictObject({
    /** fal endpoint id, e.g. fal-ai/flux/schnell. */
    endpoint: z.string().regex(/^[\w.-]+\/[\w./-]+$/, 'an endpoint id such as fal-ai/flux/schnell'),
    label: z.string().min(1),
    /** Every input field the endpoint declares; the request body never holds another. */
    fields: z.array(field).min(1),
    /** Input fields the endpoint requires (prompt, and e.g. image_url on Kontext). */
    required: z.array(field).min(1),
    /**
     * How the size is given: {width,height} in `field`, a named preset (the nearest by aspect ratio is
     * sent), or an aspect-ratio enum (the nearest is sent; the model picks the pixels).
     */
    size: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('dimensions'), field }),
      z.strictObject({
        kind: z.literal('preset'),
        field,
        presets: z.record(z.string().min(1), z.strictObject({ width: side, height: side })),
      }),
      z.strictObject({ kind: z.literal('aspect-ratio'), field, ratios: z.array(ratio).min(1) }),
    ]),
    /** Where the negative prompt goes: nowhere, a native field, or NAG (normalized attention guidance). */
    negativePrompt: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('native'), field }),
      z.strictObject({ kind: z.literal('nag'), field }),
    ]),
    /** How the provider's safety filter is set: a checker on/off, a tolerance level, or not at all. */
    safety: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('checker'), field }),
      z.strictObject({
        kind: z.literal('tolerance'),
        field,
        /** Sent normally (fal's default). */
        strict: z.string().min(1),
        /** Sent for jobs allowed to post NSFW images. */
        relaxed: z.string().min(1),
      }),
    ]),
    /** How much prompt the model reads; the rest would be cut silently (or refused). */
    promptBudget: budgetSchema,
    /** Where the budget comes from (a published limit, or our choice when none is published). */
    promptBudgetSource: z.string().min(1),
    seed: z.strictObject({ taken: z.boolean(), returned: z.boolean() }),
    numImages: z.boolean(),
    /** Values always sent (e.g. Ideogram's MagicPrompt off, so the brand's prompt is not rewritten). */
    fixed: z.record(field, z.union([z.string(), z.number(), z.boolean()])),
    /** Brand assets the endpoint can take (catalog LoRA, reference image, palette). */
    takes: z.strictObject({
      loras: z.boolean(),
      reference: field.nullable(),
      palette: field.nullable(),
    }),
    price: z.strictObject({
      unit: z.enum(['megapixel', 'image', 'unknown']),
      usd: z.number().positive().optional(),
      source: z.string().min(1),
    }),
    /** Where the fields come from (fal-js types path and commit, or the operator's own note). */
    source: z.string().min(1),
  })
  .superRefine((p, ctx) => {
    const declared = new Set(p.fields);
    const used = [
      'prompt',
      ...p.required,
      p.size.field,
      ...('field' in p.negativePrompt ? [p.negativePrompt.field] : []),
      ...('field' in p.safety ? [p.safety.field] : []),
      ...(p.seed.taken ? ['seed'] : []),
      ...(p.numImages ? ['num_images'] : []),
      ...(p.takes.loras ? ['loras'] : []),
      ...(p.takes.reference ? [p.takes.reference] : []),
      ...(p.takes.palette ? [p.takes.palette] : []),
      ...Object.keys(p.fixed),
    ];
    for (const name of used)
      if (!declared.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['fields'],
          message: `uses ${name}, which fields does not list`,
        });
    if (!p.required.includes('prompt'))
      ctx.addIssue({ code: 'custom', path: ['required'], message: 'prompt must be required' });
  });

export type ModelProfile = z.infer<typeof modelProfileSchema>;
