import { createHash } from 'node:crypto';
import type { Aspect, Catalog } from '../catalog/schema.js';
import type { PromptBudget } from './prompt-budget.js';

/** What a fitted prompt's text also depends on: the model's budget, and whether a LoRA stands for the character. */
export interface HashedFit {
  budget: PromptBudget;
  lora: boolean;
}

/**
 * sha256 hex of the canonical params. Keys are written in a fixed order and options in catalog order, so
 * equivalent requests (labels instead of ids, other key order, extra whitespace) hash the same.
 * The catalog version stands for its text: bump it whenever templates or option prompts change. A fitted
 * prompt also hashes its budget and LoRA mode, so one hash always stands for one prompt text (the prompt
 * cache and image reuse rely on it).
 */
export const hashParams = (
  catalog: Pick<Catalog, 'id' | 'version' | 'dimensions'>,
  options: Readonly<Record<string, string>>,
  extra: string,
  aspect: Aspect,
  fit?: HashedFit,
): string => {
  const canonical = JSON.stringify({
    catalogId: catalog.id,
    version: catalog.version,
    options: catalog.dimensions.map((d) => [d.id, options[d.id] ?? null]),
    extra,
    aspect,
    ...(fit ? { fit: [fit.budget.unit, fit.budget.max, fit.lora] } : {}),
  });
  return createHash('sha256').update(canonical).digest('hex');
};
