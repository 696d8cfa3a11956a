import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { countCharacters } from '../../core/prompt/measure.js';
import type { TokenCounter } from '../../core/prompt/prompt-budget.js';
import { PROJECT_ROOT } from '../../paths.js';

/** FLUX.1's T5 tokenizer files, shipped with their source and licence (assets/flux-tokenizers/SOURCE.md). */
export const T5_TOKENIZER_DIR = resolve(PROJECT_ROOT, 'assets/flux-tokenizers/t5');

/**
 * Tokenizers by directory. 2.4 MB of immutable vocabulary: every counter of a process shares one load
 * (tests and the CLI create many cores; each would otherwise pay the ~0.3 s read and parse again).
 */
const tokenizers = new Map<string, { tokenizer: Tokenizer; loadMs: number }>();

const loadTokenizer = (dir: string) => {
  let entry = tokenizers.get(dir);
  if (entry === undefined) {
    const started = performance.now();
    const read = (name: string): object => JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as object;
    const tokenizer = new Tokenizer(read('tokenizer.json'), read('tokenizer_config.json'));
    entry = { tokenizer, loadMs: performance.now() - started };
    tokenizers.set(dir, entry);
  }
  return entry;
};

export interface T5TokenCounter extends TokenCounter {
  /** Reads the tokenizer now (start-up does, before taking requests); returns how long the load took. */
  load(): number;
}

export interface T5TokenCounterOptions {
  dir?: string;
  /** Texts whose counts are remembered: catalog sentences repeat across requests. */
  memoSize?: number;
}

/**
 * Counts what FLUX reads: T5 tokens with the closing `</s>` (the way the model's window is measured), or
 * characters as code points. The tokenizer is read on first use, not on import.
 */
export function createT5TokenCounter(options: T5TokenCounterOptions = {}): T5TokenCounter {
  const dir = options.dir ?? T5_TOKENIZER_DIR;
  const memoSize = options.memoSize ?? 4096;
  const memo = new Map<string, number>();
  return {
    load: () => loadTokenizer(dir).loadMs,
    count(text, unit) {
      if (unit === 'characters') return countCharacters(text);
      const known = memo.get(text);
      if (known !== undefined) return known;
      const tokens = loadTokenizer(dir).tokenizer.encode(text).ids.length;
      // Dropped whole when full: a bound, not an LRU; the sentences worth keeping come back at once.
      if (memo.size >= memoSize) memo.clear();
      memo.set(text, tokens);
      return tokens;
    },
  };
}
