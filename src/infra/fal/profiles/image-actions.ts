import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { TOLERANCE } from './flux-pro.js';
import { BFL_T5_WINDOW, FAL_JS_TYPES, FOUR_IMAGES, falModelPage, NO_BRAND_ASSETS } from './sources.js';

/**
 * Endpoints that start from an image (FAL_VARIATION_MODEL, FAL_UPSCALE_MODEL; the Kontext edits are in
 * flux-kontext.ts). Fields and required fields: FAL_JS_TYPES (BaseImageToInput, BaseReduxInput,
 * FluxProV11ReduxInput, ClarityUpscalerInput); ranges and defaults the types do not carry: fal's model pages.
 */

/** FLUX.1 [dev] image to image: the source re-rendered under the prompt; output unoOutput, at the source's size. */
export const fluxDevImageToImage: ModelProfile = {
  endpoint: 'fal-ai/flux/dev/image-to-image',
  label: 'FLUX.1 [dev] image to image',
  action: 'image-to-image',
  fields: [
    'acceleration',
    'enable_safety_checker',
    'guidance_scale',
    'image_url',
    'num_images',
    'num_inference_steps',
    'output_format',
    'prompt',
    'seed',
    'strength',
    'sync_mode',
  ],
  required: ['prompt', 'image_url'],
  imageInput: { field: 'image_url', list: false },
  // BaseImageToInput has no image_size: the result takes the source's size.
  size: { kind: 'source' },
  // "strength … Range: 0.01 to 1", fal's default 0.95 (its model page): so much noise that little of the source
  // is left. Our default keeps the composition, which is what a variation of a finished image is for.
  strength: { field: 'strength', min: 0.01, max: 1, default: 0.7 },
  negativePrompt: { kind: 'none' },
  safety: { kind: 'checker', field: 'enable_safety_checker' },
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: BFL_T5_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
  takes: NO_BRAND_ASSETS,
  price: {
    unit: 'megapixel',
    usd: 0.03,
    source: `${falModelPage('fal-ai/flux/dev/image-to-image')} ("$0.03 per megapixel", as read for the emulator)`,
  },
  source: `${FAL_JS_TYPES} · FluxDevImageToImageInput = BaseImageToInput`,
};

const NO_PROMPT_WINDOW = 'not applicable: the endpoint takes no prompt (BaseReduxInput)';

/** FLUX.1 [dev] Redux: variations of an image, no prompt at all; output unoOutput. */
export const fluxDevRedux: ModelProfile = {
  endpoint: 'fal-ai/flux/dev/redux',
  label: 'FLUX.1 [dev] Redux (variations)',
  action: 'variation',
  fields: [
    'acceleration',
    'enable_safety_checker',
    'guidance_scale',
    'image_size',
    'image_url',
    'num_images',
    'num_inference_steps',
    'output_format',
    'seed',
    'sync_mode',
  ],
  required: ['image_url'],
  prompt: null,
  imageInput: { field: 'image_url', list: false },
  size: { kind: 'dimensions', field: 'image_size' },
  negativePrompt: { kind: 'none' },
  safety: { kind: 'checker', field: 'enable_safety_checker' },
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: NO_PROMPT_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
  takes: NO_BRAND_ASSETS,
  price: { unit: 'unknown', source: "fal's own page not found offline" },
  source: `${FAL_JS_TYPES} · FluxDevReduxInput = BaseReduxInput`,
};

/** FLUX1.1 [pro] Redux: variations with an optional prompt (default ""), safety_tolerance; FluxProV11Output. */
export const fluxProV11Redux: ModelProfile = {
  endpoint: 'fal-ai/flux-pro/v1.1/redux',
  label: 'FLUX1.1 [pro] Redux (variations)',
  action: 'variation',
  fields: [
    'enhance_prompt',
    'guidance_scale',
    'image_size',
    'image_url',
    'num_images',
    'num_inference_steps',
    'output_format',
    'prompt',
    'safety_tolerance',
    'seed',
    'sync_mode',
  ],
  required: ['image_url'],
  prompt: { field: 'prompt', required: false },
  imageInput: { field: 'image_url', list: false },
  size: { kind: 'dimensions', field: 'image_size' },
  negativePrompt: { kind: 'none' },
  safety: TOLERANCE,
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: BFL_T5_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
  takes: NO_BRAND_ASSETS,
  price: { unit: 'unknown', source: "fal's own page not found offline" },
  source: `${FAL_JS_TYPES} · FluxProV11ReduxInput`,
};

/**
 * Clarity upscaler: one image per request, returned as a single `image` (ClarityUpscalerOutput: image, seed,
 * timings). The prompt is optional (default "masterpiece, best quality, highres"); its negative prompt keeps
 * fal's default. "upscale_factor … Default 2, Range: 1 to 4" (its model page).
 */
export const clarityUpscaler: ModelProfile = {
  endpoint: 'fal-ai/clarity-upscaler',
  label: 'Clarity upscaler',
  action: 'upscale',
  fields: [
    'creativity',
    'enable_safety_checker',
    'guidance_scale',
    'image_url',
    'negative_prompt',
    'num_inference_steps',
    'prompt',
    'resemblance',
    'seed',
    'upscale_factor',
  ],
  required: ['image_url'],
  prompt: { field: 'prompt', required: false },
  imageInput: { field: 'image_url', list: false },
  size: { kind: 'source' },
  upscale: { field: 'upscale_factor', min: 1, max: 4, default: 2 },
  output: 'image',
  negativePrompt: { kind: 'none' },
  safety: { kind: 'checker', field: 'enable_safety_checker' },
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: 'our choice: no published limit; the prompt is optional (the source image leads)',
  seed: { taken: true, returned: true },
  numImages: false,
  fixed: {},
  takes: NO_BRAND_ASSETS,
  price: {
    unit: 'megapixel',
    usd: 0.03,
    source: `${falModelPage('fal-ai/clarity-upscaler')} ("$0.03 per megapixels")`,
  },
  source: `${FAL_JS_TYPES} · ClarityUpscalerInput`,
};
