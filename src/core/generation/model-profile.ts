import { z } from 'zod';
import type { ImageActionKind } from '../ports.js';

/**
 * What one image endpoint takes and gives back: the request body is built from it, so a model never
 * receives a field it does not declare, and the prompt is fitted to what it reads. Shipped profiles live
 * in src/infra/fal/profiles/ (each citing fal's published input type); an operator can write one for an
 * endpoint we do not ship (FAL_MODEL_PROFILE), validated with this same schema.
 */

const field = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name such as image_size');
const ratio = z.string().regex(/^\d+:\d+$/, 'an aspect ratio such as 16:9');
const side = z.number().int().min(1).max(14_142);

const bounded = z.strictObject({ field, min: z.number(), max: z.number(), default: z.number() });

/**
 * What an endpoint does. text-to-image draws from the prompt; the others start from an image: image-to-image
 * (re-rendered under the prompt with a strength), variation (Redux), edit (an instruction in words: Kontext),
 * upscale. Absent: text-to-image.
 */
export const IMAGE_ACTIONS = ['text-to-image', 'image-to-image', 'variation', 'edit', 'upscale'] as const;
export type ImageAction = (typeof IMAGE_ACTIONS)[number];

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
      /** No size field: the result takes the input image's size (image-to-image, edits, upscales). */
      z.strictObject({ kind: z.literal('source') }),
    ]),
    action: z.enum(IMAGE_ACTIONS).optional(),
    /** Where the prompt goes, and whether the endpoint needs one; null: it takes none (Redux [dev]). Absent: `prompt`, required. */
    prompt: z.strictObject({ field, required: z.boolean() }).nullable().optional(),
    /** The input image: one URL (`image_url`) or a list (`image_urls`). */
    imageInput: z.strictObject({ field: z.enum(['image_url', 'image_urls']), list: z.boolean() }).optional(),
    /** How far image-to-image may move from the source (sent as `default` unless the request says). */
    strength: bounded.optional(),
    /** The upscale factor (clarity-upscaler: upscale_factor, 1–4, default 2). */
    upscale: bounded.optional(),
    /** What the result holds: a list `images` (absent) or a single `image` (the upscalers). */
    output: z.enum(['images', 'image']).optional(),
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
    /**
     * Images per request: the field and the most the endpoint takes (FLUX 4, Ideogram 8); false: one per
     * request. `true` (older operator files) means num_images with an unknown range: one is asked for.
     */
    numImages: z.union([z.boolean(), z.strictObject({ field, max: z.number().int().min(1).max(16) })]),
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
    const prompt = promptSpec(p);
    const images = imagesPerRequest(p);
    const used = [
      ...(prompt ? [prompt.field] : []),
      ...p.required,
      ...('field' in p.size ? [p.size.field] : []),
      ...('field' in p.negativePrompt ? [p.negativePrompt.field] : []),
      ...('field' in p.safety ? [p.safety.field] : []),
      ...(p.seed.taken ? ['seed'] : []),
      ...(images.field ? [images.field] : []),
      ...(p.takes.loras ? ['loras'] : []),
      ...(p.takes.reference ? [p.takes.reference] : []),
      ...(p.takes.palette ? [p.takes.palette] : []),
      ...Object.keys(p.fixed),
      ...(p.imageInput ? [p.imageInput.field] : []),
      ...(p.strength ? [p.strength.field] : []),
      ...(p.upscale ? [p.upscale.field] : []),
    ];
    for (const name of used)
      if (!declared.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['fields'],
          message: `uses ${name}, which fields does not list`,
        });
    if (prompt?.required && !p.required.includes(prompt.field))
      ctx.addIssue({ code: 'custom', path: ['required'], message: `${prompt.field} must be required` });
    if (prompt && !prompt.required && p.required.includes(prompt.field))
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: `${prompt.field} is required: set required: true`,
      });
    if (actionOf(p) !== 'text-to-image' && !p.imageInput)
      ctx.addIssue({
        code: 'custom',
        path: ['imageInput'],
        message: `a ${actionOf(p)} model needs imageInput`,
      });
    if (actionOf(p) === 'upscale' && !p.upscale)
      ctx.addIssue({ code: 'custom', path: ['upscale'], message: 'an upscale model needs upscale' });
    for (const key of ['strength', 'upscale'] as const) {
      const b = p[key];
      if (b && !(b.min <= b.default && b.default <= b.max))
        ctx.addIssue({ code: 'custom', path: [key], message: 'expected min ≤ default ≤ max' });
    }
  });

export type ModelProfile = z.infer<typeof modelProfileSchema>;

/** The endpoint's role; profiles written before image actions are text to image. */
export const actionOf = (p: { action?: ImageAction | undefined }): ImageAction => p.action ?? 'text-to-image';

/** Where the prompt goes; profiles that do not say take a required `prompt`. */
type PromptSpec = { field: string; required: boolean };
export function promptSpec(p: { prompt?: PromptSpec | null | undefined }): PromptSpec | null {
  return p.prompt === undefined ? { field: 'prompt', required: true } : p.prompt;
}

/** The num_images field and the most one request may ask for (field undefined: one image per request). */
export function imagesPerRequest(p: { numImages: boolean | { field: string; max: number } }): {
  field?: string;
  max: number;
} {
  if (p.numImages === false) return { max: 1 };
  if (p.numImages === true) return { field: 'num_images', max: 1 };
  return p.numImages;
}

/** The profile actions that serve each kind of request on an image: a variation is Redux or image-to-image. */
export const ACTIONS_SERVING: Readonly<Record<ImageActionKind, readonly ImageAction[]>> = {
  variation: ['variation', 'image-to-image'],
  edit: ['edit'],
  upscale: ['upscale'],
};
