/**
 * FAL_MODEL, FAL_FALLBACK_MODELS and FAL_MODEL_PROFILE → the chain's model profiles. Every model must have
 * a profile: a shipped one, or one an operator describes in a JSON file (validated like the shipped ones).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ModelProfile, modelProfileSchema } from './core/generation/model-profile.js';
import { findProfile, SHIPPED_PROFILES } from './infra/fal/profiles/index.js';

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

export function resolveModelProfiles(
  model: string,
  fallbacks: readonly string[],
  profileFile: string | undefined,
  problems: string[],
): ModelProfile[] {
  const extra = profileFile ? readProfileFile(profileFile, problems) : [];
  const supported = [...SHIPPED_PROFILES, ...extra].map((p) => p.endpoint);
  const chain: ModelProfile[] = [];
  for (const [setting, endpoint] of [
    ['FAL_MODEL', model] as const,
    ...fallbacks.map((m) => ['FAL_FALLBACK_MODELS', m] as const),
  ]) {
    const profile = findProfile(endpoint, extra);
    if (profile) chain.push(profile);
    else
      problems.push(
        `${setting}: ${endpoint} has no model profile; supported: ${[...new Set(supported)].join(', ')} ` +
          '(or describe the endpoint in a FAL_MODEL_PROFILE file)',
      );
  }
  return chain;
}
