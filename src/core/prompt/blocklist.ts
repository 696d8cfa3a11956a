/**
 * Lookalikes people swap in for letters ("n00d", "$ex", "n@ked"), mapped to one canonical letter. Text and
 * blocked words are both canonicalized, so "1", "l", "i" and "!" all compare equal; that is deliberate.
 */
const CANONICAL: Readonly<Record<string, string>> = {
  '4': 'a',
  '@': 'a',
  '8': 'b',
  '3': 'e',
  '9': 'g',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  l: 'i',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
  '2': 'z',
};

/**
 * Reduces text to what the matcher compares: lowercase letters without accents, lookalikes replaced,
 * everything else a space. Symbols count as letters only before a letter or digit ("$ex"), so a
 * sentence's closing "!" stays punctuation. Letters spelled out one by one ("n.u.d.e", "n u d e") are
 * joined back into a word.
 */
export const foldForMatching = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[@!|$+](?=[a-z0-9@!|$+])|[a-z0-9]/g, (ch) => CANONICAL[ch] ?? ch)
    .replace(/[^a-z]+/g, ' ')
    .replace(/(?<![a-z])[a-z](?: [a-z](?![a-z]))+/g, (run) => run.replaceAll(' ', ''));

const wordPattern = (word: string): string =>
  // Each letter may be stretched ("nuuude"); words of a phrase may be separated any way ("self-harm").
  [...word].map((ch) => `${ch}+`).join('');

/**
 * Compiling takes far longer than matching, and a loaded catalog's list never changes: remember the
 * result per list. Weak keys, so a dropped catalog takes its entry with it.
 */
const compiled = new WeakMap<readonly string[], RegExp | undefined>();

const compile = (words: readonly string[]): RegExp | undefined => {
  const patterns = words
    .map((w) => foldForMatching(w).trim())
    .filter((w) => w !== '')
    .map((phrase) => phrase.split(' ').map(wordPattern).join(' '));
  if (patterns.length === 0) return undefined;
  // Whole words only, an optional plural included: "nudes" is caught, "nudge" and "sussex" are not.
  return new RegExp(`(?<![a-z])(?:${patterns.join('|')})(?:e?s)?(?![a-z])`);
};

/** One expression matching any of `words` in folded text; undefined for an empty list. */
export const compileBlocklist = (words: readonly string[]): RegExp | undefined => {
  if (!compiled.has(words)) compiled.set(words, compile(words));
  return compiled.get(words);
};

export const containsBlockedWord = (text: string, blocklist: RegExp | undefined): boolean =>
  blocklist?.test(foldForMatching(text)) === true;
