import type { Catalog } from '../catalog/schema.js';
import { UserError } from '../errors.js';
import type { BuiltPrompt } from '../types.js';
import { buildPrompt } from './build-prompt.js';
import { findViolations, pickFitting } from './compatibility.js';
import type { PromptFitOptions } from './fit-prompt.js';
import { resolveOptions } from './resolve-options.js';
import type { PromptParams } from './validate-params.js';

/**
 * Moves the choices a frame does not allow to one it does: the frame's first allowed value that fits the
 * other choices. A sequence tells a story (waving hello, sitting by the fire, celebrating), so one pose
 * cannot hold for every frame; failing the whole run over that would make sequences unusable with most
 * choices. What defines the character (style, outfit, footwear) stays shared.
 */
const adaptToFrame = (catalog: Catalog, selection: Record<string, string>, frameDimension: string) => {
  for (const violation of findViolations(catalog, selection)) {
    if (violation.kind !== 'allow' || violation.source !== frameDimension) continue;
    selection[violation.target] =
      pickFitting(catalog, selection, violation.target, violation.allowed) ?? violation.allowed[0]!;
  }
  return selection;
};

/** One BuiltPrompt per frame of the catalog's sequence, in story order, sharing the character params. */
export const buildSequence = (
  catalog: Catalog,
  params: PromptParams,
  fit?: PromptFitOptions,
): BuiltPrompt[] => {
  const { sequence } = catalog;
  if (sequence === undefined) {
    throw new UserError('invalid_input', `The ${catalog.name} catalog has no frame sequence.`);
  }
  const shared = resolveOptions(catalog, params.options);
  return sequence.frames.map((frame) => {
    const options = adaptToFrame(catalog, { ...shared, [sequence.dimension]: frame }, sequence.dimension);
    return buildPrompt(catalog, { ...params, options }, fit);
  });
};
