import type { Aspect, Catalog } from '../catalog/schema.js';
import type { GenerationParams } from '../types.js';
import { resolveAspect } from './aspect.js';
import { assertCompatible } from './compatibility.js';
import { checkFreeText } from './free-text.js';
import { completeOptions, resolveOptions } from './resolve-options.js';

/** GenerationParams; the catalog id may be left out since the catalog is passed alongside. */
export type PromptParams = Omit<GenerationParams, 'catalogId'> & Partial<Pick<GenerationParams, 'catalogId'>>;

export interface ValidatedParams {
  /** An option id for every dimension, in catalog order. */
  options: Record<string, string>;
  /** Normalized free text ('' when none). */
  extra: string;
  aspect: Aspect;
}

/**
 * Resolves ids or labels, fills defaults, and checks rules, frame constraints, free text and aspect.
 * Throws UserError with a message fit for chat. `params.catalogId` is not consulted: the caller already
 * picked `catalog` (through the registry, which resolves names and typos).
 */
export const validateParams = (catalog: Catalog, params: PromptParams): ValidatedParams => {
  const options = completeOptions(catalog, resolveOptions(catalog, params.options));
  assertCompatible(catalog, options);
  return {
    options,
    extra: checkFreeText(params.extra, catalog.freeText),
    aspect: resolveAspect(params.aspect),
  };
};
