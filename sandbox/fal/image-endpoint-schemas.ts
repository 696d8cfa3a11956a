import type { EndpointSchema, FieldSpec } from './endpoint-schemas.js';

/**
 * Endpoints that start from an image: image-to-image, Redux variations, the upscaler (the Kontext edits sit
 * with the other Kontext endpoints in endpoint-schemas.ts).
 *
 * Fields, required fields and enums: fal-ai/fal-js libs/client/src/types/endpoints.ts @
 * 381105e138b85502b528fb8f6c16d909e30e462a (FluxDevImageToImageInput = BaseImageToInput, FluxDevReduxInput =
 * BaseReduxInput, FluxProV11ReduxInput, ClarityUpscalerInput). Ranges the types do not carry come from fal's
 * model pages (fal.ai/models/<endpoint>/llms.txt): image-to-image "strength … Range: 0.01 to 1",
 * "num_inference_steps … Range: 10 to 50"; clarity-upscaler "upscale_factor … Default 2, Range: 1 to 4".
 * num_images keeps fal's "Range: 1 to 4" of the FLUX API reference (as the text-to-image schemas do).
 * Not found offline: the Redux pages' ranges and the clarity-upscaler's creativity/resemblance ranges — those
 * fields are checked for their type only.
 */

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const number = { type: 'number' } as const;
const integer = { type: 'integer' } as const;
const enumOf = (...values: string[]) => ({ type: 'enum', values }) as const;
const FOUR_IMAGES = { type: 'integer', min: 1, max: 4 } as const;
const OUTPUT_FORMAT = enumOf('jpeg', 'png');
const ACCELERATION = enumOf('none', 'regular', 'high');

const reduxDev: Record<string, FieldSpec> = {
  acceleration: ACCELERATION,
  enable_safety_checker: boolean,
  guidance_scale: number,
  image_size: { type: 'image_size' },
  image_url: string,
  num_images: FOUR_IMAGES,
  num_inference_steps: integer,
  output_format: OUTPUT_FORMAT,
  seed: integer,
  sync_mode: boolean,
};

export const IMAGE_INPUT_SCHEMAS: Readonly<Record<string, EndpointSchema>> = {
  // BaseImageToInput has no image_size: the result takes the source's size. Output: unoOutput.
  'fal-ai/flux/dev/image-to-image': {
    fields: {
      acceleration: ACCELERATION,
      enable_safety_checker: boolean,
      guidance_scale: number,
      image_url: string,
      num_images: FOUR_IMAGES,
      num_inference_steps: { type: 'integer', min: 10, max: 50 },
      output_format: OUTPUT_FORMAT,
      prompt: string,
      seed: integer,
      strength: { type: 'number', min: 0.01, max: 1 },
      sync_mode: boolean,
    },
    required: ['prompt', 'image_url'],
    defaultSize: { source: true },
    t5Window: 512,
    output: 'flux',
    action: 'image-to-image',
    imageFields: ['image_url'],
  },
  // BaseReduxInput takes no prompt at all; image_size defaults to landscape_4_3. Output: unoOutput.
  'fal-ai/flux/dev/redux': {
    fields: reduxDev,
    required: ['image_url'],
    defaultSize: { preset: 'landscape_4_3' },
    output: 'flux',
    action: 'variation',
    imageFields: ['image_url'],
  },
  // FluxProV11ReduxInput: an optional prompt (default ""), safety_tolerance, no acceleration. Output:
  // FluxProV11Output.
  'fal-ai/flux-pro/v1.1/redux': {
    fields: {
      enhance_prompt: boolean,
      guidance_scale: number,
      image_size: { type: 'image_size' },
      image_url: string,
      num_images: FOUR_IMAGES,
      num_inference_steps: integer,
      output_format: OUTPUT_FORMAT,
      prompt: string,
      safety_tolerance: enumOf('1', '2', '3', '4', '5', '6'),
      seed: integer,
      sync_mode: boolean,
    },
    required: ['image_url'],
    defaultSize: { preset: 'landscape_4_3' },
    t5Window: 512,
    output: 'flux',
    action: 'variation',
    imageFields: ['image_url'],
  },
  // ClarityUpscalerInput: prompt optional (default "masterpiece, best quality, highres"); output
  // ClarityUpscalerOutput { image, seed, timings }. One image per request: no num_images.
  'fal-ai/clarity-upscaler': {
    fields: {
      creativity: number,
      enable_safety_checker: boolean,
      guidance_scale: number,
      image_url: string,
      negative_prompt: string,
      num_inference_steps: integer,
      prompt: string,
      resemblance: number,
      seed: integer,
      upscale_factor: { type: 'number', min: 1, max: 4 },
    },
    required: ['image_url'],
    defaultSize: { source: true },
    output: 'image-with-seed',
    action: 'upscale',
    imageFields: ['image_url'],
    upscale: { field: 'upscale_factor', default: 2 },
    defaultPrompt: 'masterpiece, best quality, highres',
  },
};
