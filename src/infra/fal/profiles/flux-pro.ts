import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { FAL_JS_TYPES, FLUX_PRO_RATIOS, FOUR_IMAGES, NO_BRAND_ASSETS } from './sources.js';

/**
 * FLUX1.1 [pro] and [pro] ultra (Black Forest Labs' API, served by fal).
 * Fields: FluxProV11Input and FluxProV11UltraInput in fal-js types (see FAL_JS_TYPES); output FluxProV11Output
 * (images with width/height, seed, has_nsfw_concepts). Neither takes enable_safety_checker: the filter is
 * `safety_tolerance` "1" (strictest) … "6", fal's default "2"; fal documents "5" as the most permissive.
 */

/**
 * BFL publishes no prompt window for its API models; FLUX.1's own code gives 512 T5 tokens to every model
 * but schnell (black-forest-labs/flux src/flux/cli.py), so pro, ultra and Kontext are fitted to 512.
 */
export const PRO_WINDOW =
  'assumed: 512 T5 tokens as FLUX.1 [dev] (black-forest-labs/flux src/flux/cli.py); BFL publishes no limit for its API models';

export const TOLERANCE = { kind: 'tolerance', field: 'safety_tolerance', strict: '2', relaxed: '5' } as const;

export const fluxProV11: ModelProfile = {
  endpoint: 'fal-ai/flux-pro/v1.1',
  label: 'FLUX1.1 [pro]',
  fields: [
    'enhance_prompt',
    'image_size',
    'num_images',
    'output_format',
    'prompt',
    'safety_tolerance',
    'seed',
    'sync_mode',
  ],
  required: ['prompt'],
  size: { kind: 'dimensions', field: 'image_size' },
  negativePrompt: { kind: 'none' },
  safety: TOLERANCE,
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: PRO_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
  takes: NO_BRAND_ASSETS,
  // Third-party summaries disagree ($0.04 per image; $0.055 per megapixel); fal's own page was not found.
  price: { unit: 'unknown', source: "not found on fal's own pages offline; secondary sources disagree" },
  source: `${FAL_JS_TYPES} · FluxProV11Input`,
};

export const fluxProV11Ultra: ModelProfile = {
  endpoint: 'fal-ai/flux-pro/v1.1-ultra',
  label: 'FLUX1.1 [pro] ultra',
  fields: [
    'aspect_ratio',
    'enhance_prompt',
    'image_prompt_strength',
    'image_url',
    'num_images',
    'output_format',
    'prompt',
    'raw',
    'safety_tolerance',
    'seed',
    'sync_mode',
  ],
  required: ['prompt'],
  size: { kind: 'aspect-ratio', field: 'aspect_ratio', ratios: FLUX_PRO_RATIOS },
  negativePrompt: { kind: 'none' },
  safety: TOLERANCE,
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: PRO_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
  // image_url is an optional image prompt here (weighted by image_prompt_strength).
  takes: { loras: false, reference: 'image_url', palette: null },
  price: {
    unit: 'image',
    usd: 0.06,
    source: 'fal.ai/docs/model-api-reference/image-generation-api/flux-pro-v1.1-ultra ("$0.06 per image")',
  },
  source: `${FAL_JS_TYPES} · FluxProV11UltraInput`,
};
