import { compileBlocklist, foldForMatching } from '../prompt/blocklist.js';
import { normalizeFreeText } from '../prompt/free-text.js';

/** What the blocklist found in a text. */
export interface BlocklistHit {
  /** The entry as the operator wrote it. */
  entry: string;
  /** What to name to the person: the word or phrase, or the text a /regex/ matched. */
  found: string;
}

export interface Blocklist {
  /** The first entry the text hits, or undefined. */
  find(text: string): BlocklistHit | undefined;
  readonly size: number;
}

/** Words and phrases go through the catalog's matcher; each keeps its own one-item list (cached by identity). */
interface WordRule {
  entry: string;
  list: readonly string[];
}

const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/s;
/** Shown inside a sentence: long regex matches are cut. */
const FOUND_MAX = 60;

/**
 * The catalog matcher folds text to a–z (lookalikes, accents, spaced-out letters), so an entry with other
 * letters (Cyrillic, CJK, "ß") or none at all (emoji) would fold to nothing: those are matched literally,
 * case-insensitively, on the normalized text instead.
 */
function needsLiteral(entry: string): boolean {
  if (foldForMatching(entry).trim() === '') return true;
  const plain = entry.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return /\p{L}/u.test(plain.replace(/[a-z]/g, ''));
}

const cut = (text: string): string => (text.length <= FOUND_MAX ? text : `${text.slice(0, FOUND_MAX - 1)}…`);

/**
 * The operator's blocklist (MODERATION_BLOCKLIST, MODERATION_BLOCKLIST_FILE). Entries are a word or
 * phrase, matched like the catalog's blocked words (whole words, any case, lookalikes and spacing tricks
 * folded away), or a `/regular expression/flags` run on the normalized text as typed. Entries are assumed
 * valid (config checks them with blocklistEntryProblem); `g` and `y` flags are dropped, since they would
 * make matches depend on the previous call.
 */
export function createBlocklist(entries: readonly string[]): Blocklist {
  const words: WordRule[] = [];
  const literals: { entry: string; needle: string }[] = [];
  const patterns: { entry: string; re: RegExp }[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const regex = REGEX_ENTRY.exec(entry);
    if (regex)
      patterns.push({ entry, re: new RegExp(regex[1] ?? '', (regex[2] ?? '').replace(/[gy]/g, '')) });
    else if (needsLiteral(entry)) literals.push({ entry, needle: normalizeFreeText(entry).toLowerCase() });
    else words.push({ entry, list: [entry] });
  }
  // One expression for every word first: most texts hit nothing, and that answer costs one test.
  const anyWord = compileBlocklist(words.map((w) => w.entry));

  return {
    size: words.length + literals.length + patterns.length,
    find(text) {
      const normalized = normalizeFreeText(text);
      if (normalized === '') return undefined;
      const folded = foldForMatching(normalized);
      if (anyWord?.test(folded)) {
        const word = words.find((w) => compileBlocklist(w.list)?.test(folded));
        if (word) return { entry: word.entry, found: cut(word.entry) };
      }
      const lower = normalized.toLowerCase();
      const literal = literals.find((l) => lower.includes(l.needle));
      if (literal) return { entry: literal.entry, found: cut(literal.entry) };
      for (const { entry, re } of patterns) {
        const match = re.exec(normalized);
        if (match) return { entry, found: cut(match[0].trim() || entry) };
      }
      return undefined;
    },
  };
}

/** Entries of a blocklist file: one per line; blank lines and lines starting with # are skipped. */
export function parseBlocklistText(text: string): { line: number; entry: string }[] {
  return text.split(/\r?\n/).flatMap((raw, index) => {
    const entry = raw.trim();
    return entry === '' || entry.startsWith('#') ? [] : [{ line: index + 1, entry }];
  });
}
