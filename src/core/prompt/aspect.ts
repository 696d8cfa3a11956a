import { ASPECTS, type Aspect, type Catalog } from '../catalog/schema.js';
import { UserError } from '../errors.js';
import { normalizeKey, suggest, unknownValueMessage } from './suggest.js';

/**
 * Factors applied to the catalog's base size. The long side keeps the base size, so a non-square image
 * never costs more megapixels (fal bills per megapixel) than the square one.
 */
const FACTORS: Readonly<Record<Aspect, { w: number; h: number }>> = {
  square: { w: 1, h: 1 },
  portrait: { w: 3 / 4, h: 1 },
  landscape: { w: 1, h: 3 / 4 },
  wide: { w: 1, h: 9 / 16 },
};

const STEP = 64;
const MIN = 256;
const MAX = 2048;

/** Models want sides in multiples of 64 within what the providers accept. */
const snap = (value: number): number => Math.min(MAX, Math.max(MIN, Math.round(value / STEP) * STEP));

export const resolveAspect = (input: string | undefined): Aspect => {
  if (input === undefined || input.trim() === '') return 'square';
  const key = normalizeKey(input);
  const found = ASPECTS.find((a) => a === key);
  if (found !== undefined) return found;
  const suggestion = suggest(input, ASPECTS, (a) => [a]);
  throw new UserError('invalid_input', unknownValueMessage('aspect', input, ASPECTS, suggestion), {
    allowed: ASPECTS,
    field: 'aspect',
    ...(suggestion === undefined ? {} : { suggestion }),
  });
};

export const imageSize = (image: Catalog['image'], aspect: Aspect): { width: number; height: number } => {
  const factor = FACTORS[aspect];
  return { width: snap(image.width * factor.w), height: snap(image.height * factor.h) };
};
