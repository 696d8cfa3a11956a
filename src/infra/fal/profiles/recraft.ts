import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { FAL_JS_TYPES, IMAGE_SIZE_PRESETS } from './sources.js';

/**
 * Recraft V3 text to image. Fields: RecraftV3TextToImageInput in FAL_JS_TYPES — no seed, no num_images, no
 * negative prompt; output V16Output = { images: File[] } (no seed, no sizes, no NSFW flags).
 * Size: presets, not free dimensions — Recraft V3 itself renders a fixed list of sizes (1024x1024, 1365x1024,
 * 1820x1024, …: recraft.ai/docs/api-reference/appendix), which fal's presets stand for.
 */
export const recraftV3: ModelProfile = {
  endpoint: 'fal-ai/recraft/v3/text-to-image',
  label: 'Recraft V3',
  fields: ['colors', 'enable_safety_checker', 'image_size', 'prompt', 'style', 'style_id'],
  required: ['prompt'],
  size: { kind: 'preset', field: 'image_size', presets: IMAGE_SIZE_PRESETS },
  negativePrompt: { kind: 'none' },
  safety: { kind: 'checker', field: 'enable_safety_checker' },
  // "Maximum prompt length … Recraft V3: 1000" (recraft.ai/docs/api-reference/appendix; its usage page says
  // 1000 bytes: non-ASCII letters count twice there).
  promptBudget: { unit: 'characters', max: 1000 },
  promptBudgetSource: 'recraft.ai/docs/api-reference/appendix (Maximum prompt length, Recraft V3: 1000)',
  seed: { taken: false, returned: false },
  numImages: false,
  fixed: {},
  takes: { loras: false, reference: null, palette: 'colors' },
  // The type's own note: "Vector images cost 2X as much" (a per-image price); amount from third parties.
  price: { unit: 'image', usd: 0.04, source: 'secondary: third-party summaries of fal.ai/pricing' },
  source: `${FAL_JS_TYPES} · RecraftV3TextToImageInput`,
};
