/**
 * Lookup key for ids and labels: lowercase, accents dropped, spaces, dashes and underscores ignored,
 * so "Comic Book", "comic-book" and "COMIC_BOOK" are the same key.
 */
export const normalizeKey = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-_]+/gu, '');

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("comci" → "comic" is 1). */
export const editDistance = (a: string, b: string): number => {
  const s = [...a];
  const t = [...b];
  // Three rolling rows: the transposition step looks two rows back.
  let twoBack: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, twoBack[j - 2]! + 1);
      }
      row.push(best);
    }
    twoBack = prev;
    prev = row;
  }
  return prev[t.length]!;
};

/**
 * How far typed text is from a candidate id or label. A typo in the beginning of a longer name
 * ("comci" for "comic-book") or one word of it ("mug" for "Clay Mug") counts one step more than the
 * typo itself.
 */
const score = (input: string, candidate: string): number => {
  const key = normalizeKey(candidate);
  const words = candidate.split(/[\s\-_]+/u).map(normalizeKey);
  let best = editDistance(input, key);
  if (words.length > 1) for (const word of words) best = Math.min(best, editDistance(input, word) + 1);
  if (input.length >= 4 && key.length > input.length) {
    best = Math.min(best, editDistance(input, key.slice(0, input.length)) + 1);
  }
  return best;
};

/** Most edits we still call a typo: about 40 % of what was typed, at least 1, at most 3. */
const tolerance = (input: string): number => Math.min(3, Math.max(1, Math.round(input.length * 0.4)));

/**
 * The item whose keys (id, label, …) are closest to `input`, if any is close enough to be a likely typo.
 * Ties go to the earlier item, so results follow catalog order and are deterministic.
 */
export const suggest = <T>(
  input: string,
  items: readonly T[],
  keysOf: (item: T) => readonly string[],
): T | undefined => {
  const typed = normalizeKey(input);
  if (typed === '') return undefined;
  let best: { item: T; score: number } | undefined;
  for (const item of items) {
    for (const key of keysOf(item)) {
      const s = score(typed, key);
      if (s <= tolerance(typed) && (best === undefined || s < best.score)) best = { item, score: s };
    }
  }
  return best?.item;
};

/** `Unknown style "comci". Did you mean "comic-book"? Allowed: a, b, c.` */
export const unknownValueMessage = (
  what: string,
  input: string,
  allowed: readonly string[],
  suggestion?: string,
): string => {
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  // Echo what was typed, but never a wall of it.
  const shown = input.length > 60 ? `${input.slice(0, 59)}…` : input;
  return `Unknown ${what} "${shown}".${hint} Allowed: ${allowed.join(', ')}.`;
};
