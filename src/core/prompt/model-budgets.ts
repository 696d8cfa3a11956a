import type { PromptBudget } from './prompt-budget.js';

const t5 = (max: number): PromptBudget => ({ unit: 't5-tokens', max });
const characters = (max: number): PromptBudget => ({ unit: 'characters', max });

/** FLUX schnell, our default model: what core and the CLI fit to when nothing else is said. */
export const DEFAULT_PROMPT_BUDGET: PromptBudget = t5(256);

/**
 * Stand-in until the model profiles land (issue 15, item 1), which give each endpoint's budget: the lead
 * replaces this table with them. FLUX's T5 window: 256 on schnell, 512 on dev/pro and the FLUX variants
 * (black-forest-labs/flux src/flux/cli.py); Recraft v3 takes at most 1,000 characters.
 */
export const MODEL_BUDGETS: Readonly<Record<string, PromptBudget>> = {
  'fal-ai/flux/schnell': t5(256),
  'fal-ai/flux/dev': t5(512),
  'fal-ai/flux-lora': t5(512),
  'fal-ai/flux-general': t5(512),
  'fal-ai/flux-pro/v1.1': t5(512),
  'fal-ai/flux-pro/v1.1-ultra': t5(512),
  'fal-ai/flux-pro/kontext': t5(512),
  'fal-ai/flux-pro/kontext/max': t5(512),
  'fal-ai/recraft/v3/text-to-image': characters(1000),
};

/** Stand-in as above: the endpoints that take LoRAs (the catalog's trigger word then replaces its character). */
export const MODELS_TAKING_LORAS: readonly string[] = ['fal-ai/flux-lora', 'fal-ai/flux-general'];

/** Every distinct budget of the supported models: what every catalog combination must fit. */
export const SUPPORTED_BUDGETS: readonly PromptBudget[] = [t5(256), t5(512), characters(1000)];
