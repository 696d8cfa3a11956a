import type { Catalog } from '../catalog/schema.js';
import type { BuiltPrompt } from '../types.js';
import { imageSize } from './aspect.js';
import { hashParams } from './hash.js';
import { renderLayout } from './render-layout.js';
import { type PromptParams, validateParams } from './validate-params.js';

/** The prompt for one image. Deterministic: equivalent params give an identical result and hash. */
export const buildPrompt = (catalog: Catalog, params: PromptParams): BuiltPrompt => {
  const { options, extra, aspect } = validateParams(catalog, params);
  return {
    catalogId: catalog.id,
    options,
    extra,
    aspect,
    ...imageSize(catalog.image, aspect),
    prompt: renderLayout(catalog, options, extra),
    negativePrompt: catalog.negativePrompt.replace(/\s+/g, ' ').trim(),
    hash: hashParams(catalog, options, extra, aspect),
  };
};
