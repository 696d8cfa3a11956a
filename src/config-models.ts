/**
 * FAL_MODEL, FAL_FALLBACK_MODELS and FAL_MODEL_PROFILE → the chain's model profiles; FAL_EDIT_MODEL,
 * FAL_UPSCALE_MODEL and FAL_VARIATION_MODEL → the model of each action on an image. Every model must have
 * a profile: a shipped one, or one an operator describes in a JSON file (validated like the shipped ones).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ACTIONS_SERVING,
  actionOf,
  type ModelProfile,
  modelProfileSchema,
} from './core/generation/model-profile.js';
import type { ImageActionKind } from './core/ports.js';
import { ACTION_PROFILES, findProfile, SHIPPED_PROFILES } from './infra/fal/profiles/index.js';

/** An operator's profile file: one profile, or a list of them. */
function readProfileFile(path: string, problems: string[]): ModelProfile[] {
  const file = resolve(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`FAL_MODEL_PROFILE: cannot read ${file} as JSON (${(error as Error).message})`);
    return [];
  }
  const parsed = modelProfileSchema
    .array()
    .min(1)
    .safeParse(Array.isArray(json) ? json : [json]);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, 5)) {
    const [index, ...path] = issue.path;
    const where = [...(Array.isArray(json) ? [`[${String(index)}]`] : []), ...path.map(String)].join('.');
    problems.push(`FAL_MODEL_PROFILE: ${file}: ${where || 'profile'}: ${issue.message}`);
  }
  return [];
}

/** The settings naming the model for each action on an image. */
const ACTION_SETTINGS = {
  edit: 'FAL_EDIT_MODEL',
  upscale: 'FAL_UPSCALE_MODEL',
  variation: 'FAL_VARIATION_MODEL',
} as const satisfies Record<ImageActionKind, string>;

/** The settings this file reads, as config.ts parsed them. */
export type FalModelSettings = {
  FAL_MODEL: string;
  FAL_FALLBACK_MODELS: readonly string[];
  FAL_MODEL_PROFILE: string | undefined;
} & Record<(typeof ACTION_SETTINGS)[ImageActionKind], string>;

/** The text-to-image chain and the model of each action, every one with a profile that fits its role. */
export function resolveFalProfiles(
  settings: FalModelSettings,
  problems: string[],
): { chain: ModelProfile[]; actions: Record<ImageActionKind, ModelProfile> } {
  const extra = settings.FAL_MODEL_PROFILE ? readProfileFile(settings.FAL_MODEL_PROFILE, problems) : [];
  const chain = resolveChain(settings.FAL_MODEL, settings.FAL_FALLBACK_MODELS, extra, problems);
  const all = [...extra, ...SHIPPED_PROFILES, ...ACTION_PROFILES];
  const actions = {} as Record<ImageActionKind, ModelProfile>;
  for (const action of Object.keys(ACTION_SETTINGS) as ImageActionKind[]) {
    const setting = ACTION_SETTINGS[action];
    const endpoint = settings[setting];
    const fits = (p: ModelProfile) => ACTIONS_SERVING[action].includes(actionOf(p));
    const choices = [...new Set(all.filter(fits).map((p) => p.endpoint))].join(', ');
    const profile = findProfile(endpoint, extra);
    if (!profile) problems.push(`${setting}: ${endpoint} has no model profile; ${action} models: ${choices}`);
    else if (!fits(profile))
      problems.push(
        `${setting}: ${endpoint} is ${anAction(profile)} model, ` +
          `not one for ${action}s; ${action} models: ${choices}`,
      );
    else actions[action] = profile;
  }
  return { chain, actions };
}

/** "an upscale", "a variation". */
const anAction = (p: ModelProfile) => `${/^[aeiou]/.test(actionOf(p)) ? 'an' : 'a'} ${actionOf(p)}`;

/** Actions that need an image to start from: a model doing one of them cannot draw from a prompt alone. */
const IMAGE_ONLY = new Set(['image-to-image', 'variation', 'upscale']);

function resolveChain(
  model: string,
  fallbacks: readonly string[],
  extra: readonly ModelProfile[],
  problems: string[],
): ModelProfile[] {
  const supported = [...SHIPPED_PROFILES, ...extra]
    .filter((p) => !IMAGE_ONLY.has(actionOf(p)))
    .map((p) => p.endpoint);
  const chain: ModelProfile[] = [];
  for (const [setting, endpoint] of [
    ['FAL_MODEL', model] as const,
    ...fallbacks.map((m) => ['FAL_FALLBACK_MODELS', m] as const),
  ]) {
    const profile = findProfile(endpoint, extra);
    if (profile && IMAGE_ONLY.has(actionOf(profile)))
      // Kontext edits stay allowed here: with a brand reference image they draw from the prompt (model-chain.ts).
      problems.push(
        `${setting}: ${endpoint} is ${anAction(profile)} model: ` +
          'it needs an image to start from, so it cannot make images from text' +
          (actionOf(profile) === 'upscale'
            ? ' (set it as FAL_UPSCALE_MODEL)'
            : ' (set it as FAL_VARIATION_MODEL)'),
      );
    else if (profile) chain.push(profile);
    else
      problems.push(
        `${setting}: ${endpoint} has no model profile; supported: ${[...new Set(supported)].join(', ')} ` +
          '(or describe the endpoint in a FAL_MODEL_PROFILE file)',
      );
  }
  return chain;
}
