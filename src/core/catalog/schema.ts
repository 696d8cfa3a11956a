import { z } from 'zod';
import { brandAssetsSchema } from './brand-assets-schema.js';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ids are lowercase letters, digits and dashes (max 40)');

/** Shorter variants of an option's scene fields, used when the prompt must shrink to fit the model. */
const optionCondensedSchema = z.object({
  positioning: z.string().min(1).optional(),
  lighting: z.string().min(1).optional(),
});

export const optionSchema = z.object({
  id,
  label: z.string().min(1).max(80),
  description: z.string().min(1).max(100),
  /** The fragment this option contributes to the prompt. Never cut: it is what the person chose. */
  prompt: z.string().min(1),
  emoji: z.string().optional(),
  /** Frames: where the subject stands and how it is lit. */
  positioning: z.string().optional(),
  lighting: z.string().optional(),
  condensed: optionCondensedSchema.optional(),
  /** When this option is chosen, these dimensions may only take these options (frame-specific rules). */
  allow: z.record(z.string(), z.array(id).min(1)).optional(),
});

export const dimensionSchema = z.object({
  id,
  label: z.string().min(1).max(45),
  description: z.string().min(1).max(100),
  options: z.array(optionSchema).min(1),
});

export const ruleSchema = z.object({
  /** The rule applies when every listed dimension has one of the listed options. */
  when: z.record(z.string(), z.array(id).min(1)),
  /** Then these options are not allowed. */
  forbid: z.record(z.string(), z.array(id).min(1)),
  reason: z.string().min(1),
});

/**
 * One sentence of the prompt. A plain string is never cut (the brand's identity, the person's choices and
 * text live in such sections). An object with a priority may be condensed (its placeholders take their
 * `condensed` variants, or the section's own `condensed` text is used), then dropped, lowest priority
 * first, when the prompt would exceed what the model reads.
 */
export const sectionSchema = z.union([
  z.string().min(1),
  z.object({
    /** Shown to people when it is condensed or dropped ("dropped: lighting"). */
    name: id,
    text: z.string().min(1),
    condensed: z.string().min(1).optional(),
    priority: z.number().int().min(1).max(1000),
  }),
]);

const templatePartSchema = z.enum(['environment', 'technicalSpecs', 'bodySafeguards']);

export const catalogSchema = z.object({
  id,
  name: z.string().min(1),
  description: z.string().min(1),
  version: z.number().int().positive(),
  /** Dimensions in the order people choose them. */
  dimensions: z.array(dimensionSchema).min(1).max(10),
  /** The dimension the style browser and `batch` walk through. */
  styleDimension: id,
  templates: z.object({
    /** The brand's identity: never cut (a LoRA's trigger word stands for it on models that take one). */
    character: z.string().min(1),
    environment: z.string().min(1),
    technicalSpecs: z.string().min(1),
    bodySafeguards: z.string().default(''),
    /** Shorter variants of the parts above, used when the prompt must shrink to fit the model. */
    condensed: z.partialRecord(templatePartSchema, z.string().min(1)).optional(),
    /**
     * How the parts are put together, in the order the model should read them (CLIP reads only the first
     * 77 tokens; T5 weighs early text more). Placeholders: {character} {environment} {technicalSpecs}
     * {bodySafeguards} {extra} and {<dimension>} / {<dimension>.positioning} / {<dimension>.lighting}.
     * A string is one section that is never cut; a list of sections can be fitted to the model's budget.
     */
    layout: z.union([z.string().min(1), z.array(sectionSchema).min(1)]),
  }),
  /** For models with a native negative-prompt field; FLUX has none, so the layout states these positively. */
  negativePrompt: z.string().min(1),
  /** The onboarding sequence: a dimension whose options are frames, in story order. */
  sequence: z
    .object({
      dimension: id,
      frames: z.array(id).min(1),
      description: z.string().default(''),
    })
    .optional(),
  rules: z.array(ruleSchema).default([]),
  defaults: z.record(z.string(), id),
  freeText: z
    .object({
      maxLength: z.number().int().positive().max(1000).default(300),
      /**
       * The most T5 tokens a person's text may take, so it always fits next to the longest choices: a
       * length in characters alone cannot promise that (300 characters of digits or accents reach ~300).
       * Default DEFAULT_EXTRA_TOKENS.
       */
      maxTokens: z.number().int().positive().max(500).optional(),
      blockedWords: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  image: z
    .object({
      width: z.number().int().min(256).max(2048).default(1024),
      height: z.number().int().min(256).max(2048).default(1024),
    })
    .prefault({}),
  ...brandAssetsSchema.shape,
});

/** A person's text may take this many T5 tokens unless the catalog says otherwise (~300 characters of prose). */
export const DEFAULT_EXTRA_TOKENS = 80;

export type CatalogOption = z.infer<typeof optionSchema>;
export type CatalogDimension = z.infer<typeof dimensionSchema>;
export type CatalogRule = z.infer<typeof ruleSchema>;
export type CatalogSection = z.infer<typeof sectionSchema>;
export type TemplatePart = z.infer<typeof templatePartSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** Aspect presets: multiplied onto the catalog's base size, rounded to multiples of 64. */
export const ASPECTS = ['square', 'portrait', 'landscape', 'wide'] as const;
export type Aspect = (typeof ASPECTS)[number];
