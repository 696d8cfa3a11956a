/**
 * What part of a prompt a FLUX model reads: the emulator's own T5 tokenizer (FLUX.1's tokenizer files in
 * assets/flux-tokenizers/, read with @huggingface/tokenizers), independent of the bot's prompt fitter.
 * FLUX pads or truncates to max_length with `</s>` last (black-forest-labs/flux src/flux/modules/conditioner.py:
 * truncation=True, max_length 256 on schnell, 512 otherwise): the model reads the first max - 1 tokens.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { PROJECT_ROOT } from '../../src/paths.js';

export interface PromptReading {
  /** T5 tokens the model reads at most, `</s>` included; null when no window is known (the whole prompt). */
  window: number | null;
  /** The prompt's length in T5 tokens, `</s>` included (null without a window). */
  tokens: number | null;
  /** The text the model reads, as its tokenizer decodes it (characters T5 cannot spell show as <unk>). */
  read: string;
  /** The tail past the window, which the model never sees ('' when the prompt fits). */
  cut: string;
}

const T5_DIR = resolve(PROJECT_ROOT, 'assets/flux-tokenizers/t5');
const END = 1; // `</s>` in T5's vocabulary

// Parsed once per process on first use (≈ 0.4 s, 2.4 MB) and never changed: every emulator shares it.
let t5: Tokenizer | undefined;
function tokenizer(): Tokenizer {
  t5 ??= new Tokenizer(
    JSON.parse(readFileSync(resolve(T5_DIR, 'tokenizer.json'), 'utf8')),
    JSON.parse(readFileSync(resolve(T5_DIR, 'tokenizer_config.json'), 'utf8')),
  );
  return t5;
}

export function readPrompt(prompt: string, window: number | undefined): PromptReading {
  if (window === undefined) return { window: null, tokens: null, read: prompt, cut: '' };
  const t = tokenizer();
  const ids = t.encode(prompt).ids;
  const text = ids.at(-1) === END ? ids.slice(0, -1) : ids;
  const keep = window - 1;
  return {
    window,
    tokens: text.length + 1,
    read: t.decode(text.slice(0, keep)),
    cut: text.length > keep ? t.decode(text.slice(keep)) : '',
  };
}
