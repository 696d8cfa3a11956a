/** Characters people swap in for letters to slip past a filter ("n00d", "$ex", "n@ked"). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'a4@',
  b: 'b8',
  e: 'e3',
  g: 'g9',
  i: 'i1!|',
  l: 'l1|',
  o: 'o0',
  s: 's5$',
  t: 't7+',
  z: 'z2',
};

const NOT_WORD = '[^\\p{L}\\p{N}]';

const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/g, '\\$&');

/** Lowercase without accents, so "Nüde" and "nude" compare equal. */
export const foldForMatching = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const wordPattern = (word: string): string => {
  const classes = [...word].map((ch) => `[${escapeClass(LOOKALIKES[ch] ?? ch)}]`);
  // Plain: each letter may be stretched ("nuuude"). Spaced: one or two separators between every
  // letter ("n.u.d.e", "n u d e"); required between *every* letter so ordinary text ("go re") passes.
  const plain = classes.map((c) => `${c}+`).join('');
  if (classes.length < 3) return plain;
  return `(?:${plain}|${classes.join(`${NOT_WORD}{1,2}`)})`;
};

/**
 * One regular expression matching any blocked word or phrase as a whole word (an optional plural "s"/"es"
 * included), case- and accent-insensitively, through simple lookalike and separator obfuscation.
 * Returns undefined for an empty list.
 */
export const compileBlocklist = (words: readonly string[]): RegExp | undefined => {
  const patterns = words
    .map((w) => foldForMatching(w).trim())
    .filter((w) => w !== '')
    .map((phrase) => phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(wordPattern).join(`${NOT_WORD}+`));
  if (patterns.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`, 'u');
};

export const containsBlockedWord = (text: string, blocklist: RegExp | undefined): boolean =>
  blocklist !== undefined && blocklist.test(foldForMatching(text));
