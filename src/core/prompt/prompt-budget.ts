/**
 * How much prompt a model reads. FLUX's T5 encoder reads 256 tokens on schnell and 512 on dev/pro
 * (black-forest-labs/flux src/flux/cli.py), counting the closing `</s>`, and cuts the rest silently;
 * some endpoints (Recraft v3: 1,000) limit characters instead.
 */
export type PromptBudget =
  | { readonly unit: 't5-tokens'; readonly max: number }
  | { readonly unit: 'characters'; readonly max: number };

/** Counts what a model reads of a text, in the budget's unit (T5 tokens include `</s>`). */
export interface TokenCounter {
  count(text: string, unit: PromptBudget['unit']): number;
}
