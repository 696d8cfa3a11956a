import type { Catalog } from '../catalog/schema.js';
import { UserError } from '../errors.js';
import { compileBlocklist, containsBlockedWord } from './blocklist.js';

/** Line breaks and tabs become spaces rather than gluing words together. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
/** Control, format (zero-width, bidi overrides), private-use and lone-surrogate characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;

/**
 * The canonical form of free text: NFKC (full-width and ligature letters become plain ones), invisible
 * characters removed, whitespace collapsed and trimmed. Equivalent inputs give the same string, hence the
 * same prompt hash.
 */
export const normalizeFreeText = (raw: string | undefined): string =>
  (raw ?? '').normalize('NFKC').replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();

/** Length as people count it: code points, so an emoji is one character. */
export const textLength = (text: string): number => [...text].length;

/** Normalizes the extra text and enforces the catalog's length limit and blocked words. */
export const checkFreeText = (raw: string | undefined, rules: Catalog['freeText']): string => {
  const text = normalizeFreeText(raw);
  const length = textLength(text);
  if (length > rules.maxLength) {
    throw new UserError(
      'text_too_long',
      `Extra text is limited to ${rules.maxLength} characters; yours has ${length}. Please shorten it.`,
      { field: 'extra' },
    );
  }
  if (text !== '' && containsBlockedWord(text, compileBlocklist(rules.blockedWords))) {
    // Never echo the list: it would teach people how to get around it.
    throw new UserError(
      'text_blocked',
      'Extra text contains wording this brand cannot use. Please rephrase it and try again.',
      { field: 'extra' },
    );
  }
  return text;
};
