import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { BFL_T5_WINDOW, FAL_JS_TYPES, FOUR_IMAGES } from './sources.js';

/**
 * FLUX.1 [dev] "general": LoRAs, ControlNets, IP-Adapters, reference-only guidance, and the only FLUX endpoint
 * with a negative prompt: `negative_prompt`, "By default, we will be using NAG for processing the negative
 * prompt" (FluxGeneralInput in FAL_JS_TYPES; nag_scale/nag_tau/nag_alpha/nag_end tune it). Output unoOutput.
 */
export const fluxGeneral: ModelProfile = {
  endpoint: 'fal-ai/flux-general',
  label: 'FLUX.1 [dev] general (LoRAs, NAG negative prompt)',
  fields: [
    'base_shift',
    'control_loras',
    'controlnet_unions',
    'controlnets',
    'easycontrols',
    'enable_safety_checker',
    'fill_image',
    'guidance_scale',
    'image_size',
    'ip_adapters',
    'loras',
    'max_shift',
    'nag_alpha',
    'nag_end',
    'nag_scale',
    'nag_tau',
    'negative_prompt',
    'num_images',
    'num_inference_steps',
    'output_format',
    'prompt',
    'real_cfg_scale',
    'reference_end',
    'reference_image_url',
    'reference_start',
    'reference_strength',
    'scheduler',
    'seed',
    'sigma_schedule',
    'sync_mode',
    'use_beta_schedule',
    'use_cfg_zero',
    'use_real_cfg',
  ],
  required: ['prompt'],
  size: { kind: 'dimensions', field: 'image_size' },
  negativePrompt: { kind: 'nag', field: 'negative_prompt' },
  safety: { kind: 'checker', field: 'enable_safety_checker' },
  promptBudget: { unit: 't5-tokens', max: 512 },
  promptBudgetSource: BFL_T5_WINDOW,
  seed: { taken: true, returned: true },
  numImages: FOUR_IMAGES,
  fixed: {},
  takes: { loras: true, reference: 'reference_image_url', palette: null },
  price: { unit: 'unknown', source: "fal's own page not found offline" },
  source: `${FAL_JS_TYPES} · FluxGeneralInput`,
};
