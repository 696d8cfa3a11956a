import type { PromptBudget, TokenCounter } from './prompt-budget.js';

/** "256 T5 tokens", "1,000 characters". */
export const describeBudget = (budget: PromptBudget): string =>
  `${budget.max.toLocaleString('en-US')} ${budget.unit === 't5-tokens' ? 'T5 tokens' : 'characters'}`;

/** The unit alone, for "241 / 256 T5 tokens". */
export const unitName = (unit: PromptBudget['unit']): string =>
  unit === 't5-tokens' ? 'T5 tokens' : 'characters';

/**
 * What one sentence adds to a prompt whose sentences are joined by single spaces. T5: its tokens without
 * the closing `</s>` (which the prompt has once); SentencePiece starts a piece at every space and no piece
 * of FLUX's T5 vocabulary holds an inner space, so the pieces of a joined prompt are exactly those of its
 * sentences. Characters: its length plus the joining space.
 */
export const sentenceCost = (counter: TokenCounter, unit: PromptBudget['unit'], text: string): number => {
  if (text === '') return 0;
  return unit === 't5-tokens' ? counter.count(text, unit) - 1 : counter.count(text, unit) + 1;
};

/** What a prompt of costed sentences takes beyond their sum: `</s>`, or no space before the first one. */
export const promptOverhead = (unit: PromptBudget['unit']): number => (unit === 't5-tokens' ? 1 : -1);

/** Length as models count characters: code points (an emoji is one). */
export const countCharacters = (text: string): number => [...text].length;

/** "241 / 256 T5 tokens; condensed: setting; dropped: lighting", for people. */
export const describeFit = (fit: {
  budget: PromptBudget;
  used: number;
  condensed: readonly string[];
  dropped: readonly string[];
  lora: boolean;
}): string =>
  [
    `${fit.used} / ${fit.budget.max.toLocaleString('en-US')} ${unitName(fit.budget.unit)}`,
    ...(fit.lora ? ['LoRA trigger word for the character'] : []),
    ...(fit.condensed.length > 0 ? [`condensed: ${fit.condensed.join(', ')}`] : []),
    ...(fit.dropped.length > 0 ? [`dropped: ${fit.dropped.join(', ')}`] : []),
  ].join('; ');
