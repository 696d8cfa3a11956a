import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ids are lowercase letters, digits and dashes (max 40)');

export const optionSchema = z.object({
  id,
  label: z.string().min(1).max(80),
  description: z.string().min(1).max(100),
  /** The fragment this option contributes to the prompt. */
  prompt: z.string().min(1),
  emoji: z.string().optional(),
  /** Frames: where the subject stands and how it is lit. */
  positioning: z.string().optional(),
  lighting: z.string().optional(),
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
    character: z.string().min(1),
    environment: z.string().min(1),
    technicalSpecs: z.string().min(1),
    bodySafeguards: z.string().default(''),
    /**
     * How the parts are put together. Placeholders: {character} {environment} {technicalSpecs}
     * {bodySafeguards} {extra} and {<dimension>} / {<dimension>.positioning} / {<dimension>.lighting}.
     */
    layout: z.string().min(1),
  }),
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
      blockedWords: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  image: z
    .object({
      width: z.number().int().min(256).max(2048).default(1024),
      height: z.number().int().min(256).max(2048).default(1024),
    })
    .prefault({}),
});

export type CatalogOption = z.infer<typeof optionSchema>;
export type CatalogDimension = z.infer<typeof dimensionSchema>;
export type CatalogRule = z.infer<typeof ruleSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** Aspect presets: multiplied onto the catalog's base size, rounded to multiples of 64. */
export const ASPECTS = ['square', 'portrait', 'landscape', 'wide'] as const;
export type Aspect = (typeof ASPECTS)[number];
