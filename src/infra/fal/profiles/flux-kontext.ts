import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { PRO_WINDOW, TOLERANCE } from './flux-pro.js';
import { FAL_JS_TYPES, FLUX_PRO_RATIOS, FOUR_IMAGES, NO_BRAND_ASSETS } from './sources.js';

/**
 * FLUX.1 Kontext [pro] and [max]. The image-editing endpoints (fal-ai/flux-pro/kontext, …/max: FluxKontextInput)
 * REQUIRE `image_url`: a text-to-image request cannot go there without a reference image, so start-up refuses
 * them for text-to-image (use the …/text-to-image endpoints: FluxProKontextTextToImageInput, no image_url).
 * Outputs: FluxKontextOutput / FluxProV11Output (images, seed, has_nsfw_concepts). Fields per FAL_JS_TYPES.
 */
const COMMON_FIELDS = [
  'aspect_ratio',
  'enhance_prompt',
  'guidance_scale',
  'num_images',
  'output_format',
  'prompt',
  'safety_tolerance',
  'seed',
  'sync_mode',
];

const shared: Omit<
  ModelProfile,
  'endpoint' | 'label' | 'fields' | 'required' | 'takes' | 'price' | 'source'
> = {
  size: { kind: 'aspect-ratio', field: 'aspect_ratio', ratios: FLUX_PRO_RATIOS },
  negativePrompt: { kind: 'none' },
  safety: TOLERANCE,
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: PRO_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
};

const editing = (endpoint: string, label: string, type: string): ModelProfile => ({
  ...shared,
  endpoint,
  label,
  // An edit in words: the prompt is the instruction, the image the one to change (FAL_EDIT_MODEL).
  action: 'edit',
  imageInput: { field: 'image_url', list: false },
  fields: [...COMMON_FIELDS, 'image_url'].sort(),
  required: ['prompt', 'image_url'],
  takes: { loras: false, reference: 'image_url', palette: null },
  price: { unit: 'unknown', source: "fal's own page not found offline" },
  source: `${FAL_JS_TYPES} · ${type}`,
});

/**
 * Kontext multi (FluxProKontextMultiInput / FluxProKontextMaxMultiInput = FluxKontextMultiInput): the same
 * edit over several images, `image_urls` (a list) in place of image_url — a brand's reference sheet plus the
 * image to change.
 */
const editingMany = (endpoint: string, label: string, type: string): ModelProfile => ({
  ...editing(endpoint, label, type),
  imageInput: { field: 'image_urls', list: true },
  fields: [...COMMON_FIELDS, 'image_urls'].sort(),
  required: ['prompt', 'image_urls'],
  takes: NO_BRAND_ASSETS,
});

const textToImage = (endpoint: string, label: string, type: string): ModelProfile => ({
  ...shared,
  endpoint,
  label,
  fields: COMMON_FIELDS,
  required: ['prompt'],
  takes: NO_BRAND_ASSETS,
  price: { unit: 'unknown', source: "fal's own page not found offline" },
  source: `${FAL_JS_TYPES} · ${type}`,
});

export const fluxKontext: ModelProfile = {
  ...editing(
    'fal-ai/flux-pro/kontext',
    'FLUX.1 Kontext [pro] (edits a reference image)',
    'FluxProKontextInput = FluxKontextInput',
  ),
  price: {
    unit: 'image',
    usd: 0.04,
    source: 'secondary: third-party summary of fal.ai/pricing ("$0.04/image flat")',
  },
};
export const fluxKontextMax = editing(
  'fal-ai/flux-pro/kontext/max',
  'FLUX.1 Kontext [max] (edits a reference image)',
  'FluxProKontextMaxInput = FluxKontextInput',
);
export const fluxKontextTextToImage = textToImage(
  'fal-ai/flux-pro/kontext/text-to-image',
  'FLUX.1 Kontext [pro] text to image',
  'FluxProKontextTextToImageInput',
);
export const fluxKontextMaxTextToImage = textToImage(
  'fal-ai/flux-pro/kontext/max/text-to-image',
  'FLUX.1 Kontext [max] text to image',
  'FluxProKontextMaxTextToImageInput = FluxProKontextTextToImageInput',
);

export const fluxKontextMulti = editingMany(
  'fal-ai/flux-pro/kontext/multi',
  'FLUX.1 Kontext [pro] multi (edits with several images)',
  'FluxProKontextMultiInput = FluxKontextMultiInput',
);
export const fluxKontextMaxMulti = editingMany(
  'fal-ai/flux-pro/kontext/max/multi',
  'FLUX.1 Kontext [max] multi (edits with several images)',
  'FluxProKontextMaxMultiInput = FluxKontextMultiInput',
);
