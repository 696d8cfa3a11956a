import type { PromptBudget } from '../prompt/prompt-budget.js';
import type { ModelProfile } from './model-profile.js';

/**
 * Every limit a prompt must meet to be read whole by each model of the chain (FAL_MODEL, then
 * FAL_FALLBACK_MODELS): the strictest budget per unit, at most one in T5 tokens and one in characters.
 * Prompts are fitted to the strictest, so any model of the chain can take any prompt: a fallback never
 * needs a prompt of its own. A chain mixing units is refused (modelChainProblems), so there is one.
 */
export function promptBudgetsFor(profiles: readonly ModelProfile[]): PromptBudget[] {
  const strictest = new Map<PromptBudget['unit'], PromptBudget>();
  for (const { promptBudget } of profiles) {
    const held = strictest.get(promptBudget.unit);
    if (!held || promptBudget.max < held.max) strictest.set(promptBudget.unit, promptBudget);
  }
  return [...strictest.values()];
}

/** What our requests can carry beyond the prompt, size and seed. */
export interface RequestInputs {
  /** Every request carries a reference image (each catalog has one). */
  referenceImage: boolean;
}

/** Required inputs a model needs that our requests do not carry; empty when it can serve them. */
export function unmetRequirements(profile: ModelProfile, inputs: RequestInputs): string[] {
  return profile.required.filter(
    (name) => name !== 'prompt' && !(inputs.referenceImage && name === profile.takes.reference),
  );
}

const unitName = (p: ModelProfile) => (p.promptBudget.unit === 't5-tokens' ? 'T5 tokens' : 'characters');

/**
 * Why the chain cannot serve our requests, one line per model that cannot (empty when it can).
 * Lines start with the setting to change, like the rest of the start-up problems.
 */
export function modelChainProblems(profiles: readonly ModelProfile[], inputs: RequestInputs): string[] {
  const problems: string[] = [];
  const [primary, ...fallbacks] = profiles;
  if (!primary) return ['FAL_MODEL: no model is configured'];
  const missing = (p: ModelProfile) =>
    `requires ${unmetRequirements(p, inputs).join(', ')}, which text-to-image requests do not carry` +
    (p.takes.reference && !inputs.referenceImage ? ' (no reference image in the catalogs)' : '');
  if (unmetRequirements(primary, inputs).length > 0)
    problems.push(`FAL_MODEL: ${primary.endpoint} ${missing(primary)}`);
  // Prompts are fitted to one limit; a chain that counts in tokens and in characters would need two prompts.
  for (const fallback of fallbacks)
    if (fallback.promptBudget.unit !== primary.promptBudget.unit)
      problems.push(
        `FAL_FALLBACK_MODELS: ${fallback.endpoint} cannot take over ${primary.endpoint}'s requests: its prompt limit ` +
          `is in ${unitName(fallback)}, ${primary.endpoint}'s in ${unitName(primary)}; use fallbacks that count alike`,
      );
  for (const fallback of fallbacks)
    if (unmetRequirements(fallback, inputs).length > 0)
      problems.push(
        `FAL_FALLBACK_MODELS: ${fallback.endpoint} cannot take over ${primary.endpoint}'s requests: it ${missing(fallback)}`,
      );
  return problems;
}
