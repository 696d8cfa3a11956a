import { IMAGE_INPUT_SCHEMAS } from './image-endpoint-schemas.js';

/**
 * The input schemas the emulator checks submits against, one per endpoint: fal's published input types,
 * kept here as the emulator's own data (independent of the bot's model profiles, which this checks).
 *
 * Source of fields, required fields and enums: fal-ai/fal-js libs/client/src/types/endpoints.ts @
 * 381105e138b85502b528fb8f6c16d909e30e462a (FluxDevInput, FluxLoraInput, FluxGeneralInput, FluxProV11Input,
 * FluxProV11UltraInput, FluxKontextInput, FluxProKontextTextToImageInput, RecraftV3TextToImageInput,
 * IdeogramV3Input). Ranges the types do not carry come from fal's API reference pages
 * (fal.ai/docs/model-api-reference/image-generation-api/…: num_images "Range: 1 to 4", Ideogram "1 to 8").
 */

export type FieldSpec =
  | { type: 'string'; maxLength?: number }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  /** `ImageSize` ({width, height}) or one of the presets. */
  | { type: 'image_size' }
  /** The aspect_ratio enum; `open` also takes any "w:h" (FluxProV11UltraInput: `… | string`). */
  | { type: 'aspect_ratio'; values: readonly string[]; open?: boolean }
  | { type: 'list' }
  | { type: 'object' };

/**
 * What fal returns: FLUX's unoOutput/FluxProV11Output, Ideogram's GenerateOutput, Recraft's V16Output, and
 * the upscalers' single `image` (ClarityUpscalerOutput: image, seed, timings).
 */
export type OutputShape = 'flux' | 'files-with-seed' | 'files' | 'image-with-seed';

/**
 * What an endpoint does with its input image(s), so the placeholder shows it: generate from text only,
 * image-to-image (the source, re-rendered under the prompt), a variation (Redux), an edit in words
 * (Kontext), an upscale.
 */
export type EndpointAction = 'generate' | 'image-to-image' | 'variation' | 'edit' | 'upscale';

export interface EndpointSchema {
  fields: Readonly<Record<string, FieldSpec>>;
  required: readonly string[];
  /**
   * The size when none is given: an image_size preset or an aspect ratio (the types' defaults), or the
   * input image's own size (image-to-image, edits and upscales answer at the source's size).
   */
  defaultSize: { preset: string } | { ratio: string } | { source: true };
  /** Absent: 'generate'. */
  action?: EndpointAction;
  /**
   * Input fields holding image URLs the endpoint downloads before it runs (a string, or a list of them);
   * an unreachable URL or a file that is not an image is refused with 422, as fal does.
   */
  imageFields?: readonly string[];
  /** The prompt an endpoint uses when none is sent (ClarityUpscalerInput's default); absent: ''. */
  defaultPrompt?: string;
  /** The upscale factor's field and its default (ClarityUpscalerInput: upscale_factor, default 2). */
  upscale?: { field: string; default: number };
  /**
   * The prompt window: FLUX's T5 encoder reads 256 tokens on schnell and 512 on the others, `</s>` included,
   * and cuts the rest silently (black-forest-labs/flux src/flux/cli.py). BFL's API models (pro, ultra,
   * Kontext) publish none: the emulator gives them dev's 512. Absent: no window is known (Ideogram).
   */
  t5Window?: number;
  output: OutputShape;
}

/** fal's image_size presets and the sizes they stand for. */
export const SIZE_PRESETS: Readonly<Record<string, [number, number]>> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const number = { type: 'number' } as const;
const integer = { type: 'integer' } as const;
const list = { type: 'list' } as const;
const object = { type: 'object' } as const;
const enumOf = (...values: string[]) => ({ type: 'enum', values }) as const;
const RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'];
const TOLERANCE = enumOf('1', '2', '3', '4', '5', '6');
const FOUR_IMAGES = { type: 'integer', min: 1, max: 4 } as const;

const fluxDev: EndpointSchema['fields'] = {
  acceleration: enumOf('none', 'regular', 'high'),
  enable_safety_checker: boolean,
  guidance_scale: number,
  image_size: { type: 'image_size' },
  num_images: FOUR_IMAGES,
  num_inference_steps: { type: 'integer', min: 1, max: 50 },
  output_format: enumOf('jpeg', 'png'),
  prompt: string,
  seed: integer,
  sync_mode: boolean,
};

const { acceleration: _, ...fluxDevWithoutAcceleration } = fluxDev;

const flux = (fields: EndpointSchema['fields'], t5Window: number): EndpointSchema => ({
  fields,
  required: ['prompt'],
  defaultSize: { preset: 'landscape_4_3' },
  t5Window,
  output: 'flux',
});

const kontextCommon: EndpointSchema['fields'] = {
  aspect_ratio: { type: 'aspect_ratio', values: RATIOS },
  enhance_prompt: boolean,
  guidance_scale: number,
  num_images: FOUR_IMAGES,
  output_format: enumOf('jpeg', 'png'),
  prompt: string,
  safety_tolerance: TOLERANCE,
  seed: integer,
  sync_mode: boolean,
};

/**
 * Kontext edits answer at the input image's ratio when no aspect_ratio is given (secondary: BFL's Kontext API
 * as third-party docs describe it, "if omitted, the original image's ratio is kept"; fal's page not found offline).
 */
const kontextEdit: EndpointSchema = {
  fields: { ...kontextCommon, image_url: string },
  required: ['prompt', 'image_url'],
  defaultSize: { source: true },
  t5Window: 512,
  output: 'flux',
  action: 'edit',
  imageFields: ['image_url'],
};

const kontextMulti: EndpointSchema = {
  ...kontextEdit,
  fields: { ...kontextCommon, image_urls: list },
  required: ['prompt', 'image_urls'],
  imageFields: ['image_urls'],
};

const kontextText: EndpointSchema = {
  fields: kontextCommon,
  required: ['prompt'],
  defaultSize: { ratio: '1:1' },
  t5Window: 512,
  output: 'flux',
};

export const ENDPOINT_SCHEMAS: Readonly<Record<string, EndpointSchema>> = {
  ...IMAGE_INPUT_SCHEMAS,
  'fal-ai/flux/schnell': flux(fluxDev, 256),
  'fal-ai/flux/dev': flux(fluxDev, 512),
  'fal-ai/flux-lora': flux({ ...fluxDev, acceleration: enumOf('none', 'regular'), loras: list }, 512),
  'fal-ai/flux-general': flux(
    {
      ...fluxDevWithoutAcceleration,
      base_shift: number,
      control_loras: list,
      controlnet_unions: list,
      controlnets: list,
      easycontrols: list,
      fill_image: object,
      ip_adapters: list,
      loras: list,
      max_shift: number,
      nag_alpha: number,
      nag_end: number,
      nag_scale: number,
      nag_tau: number,
      negative_prompt: string,
      real_cfg_scale: number,
      reference_end: number,
      reference_image_url: string,
      reference_start: number,
      reference_strength: number,
      scheduler: enumOf('euler', 'dpmpp_2m'),
      sigma_schedule: string,
      use_beta_schedule: boolean,
      use_cfg_zero: boolean,
      use_real_cfg: boolean,
    },
    512,
  ),
  'fal-ai/flux-pro/v1.1': flux(
    {
      enhance_prompt: boolean,
      image_size: { type: 'image_size' },
      num_images: FOUR_IMAGES,
      output_format: enumOf('jpeg', 'png'),
      prompt: string,
      safety_tolerance: TOLERANCE,
      seed: integer,
      sync_mode: boolean,
    },
    512,
  ),
  'fal-ai/flux-pro/v1.1-ultra': {
    fields: {
      aspect_ratio: { type: 'aspect_ratio', values: RATIOS, open: true },
      enhance_prompt: boolean,
      image_prompt_strength: { type: 'number', min: 0, max: 1 },
      image_url: string,
      num_images: FOUR_IMAGES,
      output_format: enumOf('jpeg', 'png'),
      prompt: string,
      raw: boolean,
      safety_tolerance: TOLERANCE,
      seed: integer,
      sync_mode: boolean,
    },
    required: ['prompt'],
    defaultSize: { ratio: '16:9' },
    t5Window: 512,
    output: 'flux',
  },
  'fal-ai/flux-pro/kontext': kontextEdit,
  'fal-ai/flux-pro/kontext/max': kontextEdit,
  // FluxProKontextMultiInput / FluxProKontextMaxMultiInput = FluxKontextMultiInput: image_urls (a list) in place
  // of image_url; output FluxProV11Output.
  'fal-ai/flux-pro/kontext/multi': kontextMulti,
  'fal-ai/flux-pro/kontext/max/multi': kontextMulti,
  'fal-ai/flux-pro/kontext/text-to-image': kontextText,
  'fal-ai/flux-pro/kontext/max/text-to-image': kontextText,
  'fal-ai/recraft/v3/text-to-image': {
    fields: {
      colors: list,
      enable_safety_checker: boolean,
      image_size: { type: 'image_size' },
      // Recraft V3 takes at most 1,000 prompt characters (recraft.ai/docs/api-reference/appendix,
      // "Maximum prompt length"); a longer one is refused, not cut.
      prompt: { type: 'string', maxLength: 1000 },
      style: string,
      style_id: string,
    },
    required: ['prompt'],
    defaultSize: { preset: 'square_hd' },
    output: 'files',
  },
  'fal-ai/ideogram/v3': {
    fields: {
      color_palette: object,
      expand_prompt: boolean,
      image_size: { type: 'image_size' },
      image_urls: list,
      negative_prompt: string,
      num_images: { type: 'integer', min: 1, max: 8 },
      prompt: string,
      rendering_speed: enumOf('TURBO', 'BALANCED', 'QUALITY'),
      seed: integer,
      style: enumOf('AUTO', 'GENERAL', 'REALISTIC', 'DESIGN'),
      style_codes: list,
      style_preset: string,
      sync_mode: boolean,
    },
    required: ['prompt'],
    defaultSize: { preset: 'square_hd' },
    output: 'files-with-seed',
  },
};

/**
 * Endpoints the emulator has no schema for (an operator's own profile, other tests' ids) are checked as
 * FLUX.1 [dev] is: the sandbox can still run them, and the request record says which schema was used.
 */
export const GENERIC_SCHEMA: EndpointSchema = flux(fluxDev, 512);

export function schemaFor(model: string): { name: string; schema: EndpointSchema } {
  const schema = ENDPOINT_SCHEMAS[model];
  return schema ? { name: model, schema } : { name: 'generic (as fal-ai/flux/dev)', schema: GENERIC_SCHEMA };
}
