import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { BFL_T5_WINDOW, FAL_JS_TYPES, FOUR_IMAGES, NO_BRAND_ASSETS } from './sources.js';

/**
 * FLUX.1 [schnell] and [dev] on fal, and [dev] with LoRAs.
 * Fields: FluxSchnellInput = FluxDevInput and FluxLoraInput in fal-js types (see FAL_JS_TYPES); output
 * unoOutput (images with width/height, seed, has_nsfw_concepts). No negative prompt field on any of them.
 */
const DEV_FIELDS = [
  'acceleration',
  'enable_safety_checker',
  'guidance_scale',
  'image_size',
  'num_images',
  'num_inference_steps',
  'output_format',
  'prompt',
  'seed',
  'sync_mode',
];

type Shared = 'size' | 'negativePrompt' | 'safety' | 'promptBudgetSource' | 'seed' | 'numImages' | 'fixed';

const common: Pick<ModelProfile, Shared> = {
  size: { kind: 'dimensions', field: 'image_size' },
  negativePrompt: { kind: 'none' },
  safety: { kind: 'checker', field: 'enable_safety_checker' },
  promptBudgetSource: BFL_T5_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
};

export const fluxSchnell: ModelProfile = {
  ...common,
  endpoint: 'fal-ai/flux/schnell',
  label: 'FLUX.1 [schnell]',
  fields: DEV_FIELDS,
  required: ['prompt'],
  promptBudget: { unit: 't5-tokens', max: 256 },
  takes: NO_BRAND_ASSETS,
  // fal's model page, as quoted in docs (DESIGN.md "Where the numbers come from"): $0.003 per megapixel.
  price: { unit: 'megapixel', usd: 0.003, source: 'fal.ai/models/fal-ai/flux/schnell (quoted in DESIGN.md)' },
  source: `${FAL_JS_TYPES} · FluxSchnellInput = FluxDevInput`,
};

export const fluxDev: ModelProfile = {
  ...common,
  endpoint: 'fal-ai/flux/dev',
  label: 'FLUX.1 [dev]',
  fields: DEV_FIELDS,
  required: ['prompt'],
  promptBudget: { unit: 't5-tokens', max: 512 },
  takes: NO_BRAND_ASSETS,
  price: {
    unit: 'megapixel',
    usd: 0.025,
    source: "secondary: third-party summaries of fal.ai/pricing (fal's own page not found offline)",
  },
  source: `${FAL_JS_TYPES} · FluxDevInput`,
};

export const fluxLora: ModelProfile = {
  ...common,
  endpoint: 'fal-ai/flux-lora',
  label: 'FLUX.1 [dev] with LoRAs',
  fields: [...DEV_FIELDS, 'loras'].sort(),
  required: ['prompt'],
  promptBudget: { unit: 't5-tokens', max: 512 },
  takes: { loras: true, reference: null, palette: null },
  price: {
    unit: 'megapixel',
    usd: 0.035,
    source: "secondary: third-party summaries of fal.ai/pricing (fal's own page not found offline)",
  },
  source: `${FAL_JS_TYPES} · FluxLoraInput`,
};
