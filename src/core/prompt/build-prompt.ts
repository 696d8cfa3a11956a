import type { Catalog } from '../catalog/schema.js';
import { DEFAULT_EXTRA_TOKENS } from '../catalog/schema.js';
import { UserError } from '../errors.js';
import type { BuiltPrompt } from '../types.js';
import { imageSize } from './aspect.js';
import { brandAssetsFor } from './brand-assets.js';
import { fitSections, type PromptFit, type PromptFitOptions } from './fit-prompt.js';
import { hashParams } from './hash.js';
import { sentenceCost } from './measure.js';
import { extraSection, joinSections, renderSections } from './render-layout.js';
import { type PromptParams, validateParams } from './validate-params.js';

/**
 * The person's text must fit the room every catalog keeps for it (checked at start-up against the longest
 * choices), whatever its length in characters: some 300-character texts take 300 T5 tokens.
 */
const checkExtraTokens = (catalog: Catalog, extra: string, fit: PromptFitOptions): void => {
  if (extra === '' || fit.budget.unit !== 't5-tokens') return;
  const max = catalog.freeText.maxTokens ?? DEFAULT_EXTRA_TOKENS;
  const used = sentenceCost(fit.counter, 't5-tokens', extraSection(extra));
  if (used > max)
    throw new UserError(
      'text_too_long',
      `Extra text is too long for the image model to read in full (${used} text tokens; at most ${max}). ` +
        'Please shorten it.',
      { field: 'extra' },
    );
};

/**
 * The prompt for one image. Deterministic: equivalent params give an identical result and hash. With `fit`
 * the prompt is fitted to the model's budget (see fit-prompt.ts); without it every section is kept.
 */
export const buildPrompt = (catalog: Catalog, params: PromptParams, fit?: PromptFitOptions): BuiltPrompt => {
  const { options, extra, aspect } = validateParams(catalog, params);
  const lora = fit?.lora === true && catalog.lora !== undefined;
  const sections = renderSections(catalog, options, extra, { lora });
  let prompt: string;
  let fitted: PromptFit | undefined;
  if (fit === undefined) {
    prompt = joinSections(sections.map((s) => s.full));
  } else {
    checkExtraTokens(catalog, extra, fit);
    const result = fitSections(catalog.id, sections, fit);
    prompt = result.prompt;
    fitted = {
      budget: fit.budget,
      used: result.used,
      condensed: result.condensed,
      dropped: result.dropped,
      lora,
    };
  }
  return {
    catalogId: catalog.id,
    options,
    extra,
    aspect,
    ...imageSize(catalog.image, aspect),
    prompt,
    negativePrompt: catalog.negativePrompt.replace(/\s+/g, ' ').trim(),
    hash: hashParams(catalog, options, extra, aspect, fitted && { budget: fitted.budget, lora }),
    ...(fitted ? { fit: fitted } : {}),
    ...brandAssetsFor(catalog, lora),
  };
};
