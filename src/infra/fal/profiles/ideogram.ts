import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { FAL_JS_TYPES, IMAGE_SIZE_PRESETS } from './sources.js';

/**
 * Ideogram V3. Fields: IdeogramV3Input in FAL_JS_TYPES — a native negative_prompt ("Descriptions in the prompt
 * take precedence"), no safety field; output GenerateOutput = { images: File[], seed } (no sizes, no NSFW flags).
 * MagicPrompt (expand_prompt, default true) rewrites the prompt: it is turned off so the brand's words are what
 * the model gets.
 */
export const ideogramV3: ModelProfile = {
  endpoint: 'fal-ai/ideogram/v3',
  label: 'Ideogram V3',
  fields: [
    'color_palette',
    'expand_prompt',
    'image_size',
    'image_urls',
    'negative_prompt',
    'num_images',
    'prompt',
    'rendering_speed',
    'seed',
    'style',
    'style_codes',
    'style_preset',
    'sync_mode',
  ],
  required: ['prompt'],
  size: { kind: 'preset', field: 'image_size', presets: IMAGE_SIZE_PRESETS },
  negativePrompt: { kind: 'native', field: 'negative_prompt' },
  safety: { kind: 'none' },
  // Neither fal (IdeogramV3Input) nor Ideogram (developer.ideogram.ai generate-v3) publishes a prompt limit.
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource:
    'our choice: no published limit; fitted like FLUX.1 [dev] (512 T5 tokens) so the same prompt is sent whole',
  seed: { taken: true, returned: true },
  numImages: { field: 'num_images', max: 8 },
  fixed: { expand_prompt: false },
  takes: { loras: false, reference: null, palette: 'color_palette' },
  price: {
    unit: 'image',
    usd: 0.06,
    source: 'secondary: docs.litellm.ai/docs/providers/fal_ai (BALANCED speed)',
  },
  source: `${FAL_JS_TYPES} · IdeogramV3Input`,
};
