import { describeBudget, promptOverhead, sentenceCost } from './measure.js';
import type { PromptBudget, TokenCounter } from './prompt-budget.js';
import { joinSections, type RenderedSection } from './render-layout.js';

export interface PromptFitOptions {
  /** What the model reads (the strictest of the primary model and its fallbacks). */
  budget: PromptBudget;
  counter: TokenCounter;
  /** The model takes LoRAs: a catalog's LoRA trigger word then stands for its character description. */
  lora?: boolean;
}

/** How a prompt was fitted to the model's window (shown by `atelier prompt`, kept with the record). */
export interface PromptFit {
  budget: PromptBudget;
  /** What the fitted prompt takes, in the budget's unit (T5 tokens count the closing `</s>`). */
  used: number;
  /** Cuttable sections that were shortened, then those left out, by name. */
  condensed: string[];
  dropped: string[];
  /** The catalog's LoRA trigger word stood for the character description. */
  lora: boolean;
}

/** Even with every cuttable section dropped, the prompt exceeds the model's budget: the catalog is too long. */
export class PromptTooLongError extends Error {
  override readonly name = 'PromptTooLongError';
  constructor(
    readonly catalogId: string,
    readonly budget: PromptBudget,
    readonly needed: number,
  ) {
    super(
      `Catalog ${catalogId}: what is never cut (character, choices, extra text) takes ${needed} of the ` +
        `model's ${describeBudget(budget)}; shorten the catalog's character or option texts.`,
    );
  }
}

type Choice = 'full' | 'condensed' | 'dropped';

/**
 * Chooses what each cuttable section keeps. Pass 1, highest priority first: each keeps its condensed text
 * (or its only one) while it fits; from the first that does not, it and every lower one are dropped, so
 * sections go lowest priority first. Pass 2, highest first: condensed sections get their full text back
 * where the room left allows. Sections that are never cut are always kept whole.
 */
const choose = (
  sections: readonly RenderedSection[],
  max: number,
  fixedCost: number,
  cost: (text: string) => number,
): Map<RenderedSection, Choice> => {
  const chosen = new Map<RenderedSection, Choice>();
  const cuttable = sections
    .map((section, index) => ({ section, index }))
    .filter(({ section }) => section.priority !== undefined)
    .sort((a, b) => b.section.priority! - a.section.priority! || a.index - b.index)
    .map(({ section }) => section);
  let total = fixedCost;
  let dropping = false;
  for (const section of cuttable) {
    const first = cost(section.condensed ?? section.full);
    dropping ||= total + first > max;
    if (dropping) {
      chosen.set(section, 'dropped');
      continue;
    }
    total += first;
    chosen.set(section, section.condensed === undefined ? 'full' : 'condensed');
  }
  for (const section of cuttable) {
    if (chosen.get(section) !== 'condensed') continue;
    const more = cost(section.full) - cost(section.condensed!);
    if (total + more > max) continue;
    total += more;
    chosen.set(section, 'full');
  }
  return chosen;
};

const textOf = (section: RenderedSection, choice: Choice | undefined): string =>
  choice === 'dropped' ? '' : choice === 'condensed' ? section.condensed! : section.full;

/**
 * The prompt that fits `options.budget`, never cutting what matters most. Sentences are costed one by one
 * (exact for T5 and for characters, see sentenceCost); the result is then counted whole, and should a
 * counter ever disagree with the sum, the lowest-priority section still kept goes until it fits.
 */
export const fitSections = (
  catalogId: string,
  sections: readonly RenderedSection[],
  { budget, counter }: PromptFitOptions,
): { prompt: string; used: number; condensed: string[]; dropped: string[] } => {
  const cost = (text: string) => sentenceCost(counter, budget.unit, text);
  const fixed = sections.filter((s) => s.priority === undefined);
  const fixedCost = fixed.reduce((sum, s) => sum + cost(s.full), promptOverhead(budget.unit));
  if (fixedCost > budget.max) throw new PromptTooLongError(catalogId, budget, fixedCost);
  const chosen = choose(sections, budget.max, fixedCost, cost);
  for (;;) {
    const prompt = joinSections(sections.map((s) => textOf(s, chosen.get(s))));
    const used = counter.count(prompt, budget.unit);
    const kept = [...chosen].filter(([s, c]) => c !== 'dropped' && s.full !== '');
    if (used <= budget.max || kept.length === 0) {
      if (used > budget.max) throw new PromptTooLongError(catalogId, budget, used);
      const named = (choice: Choice) =>
        sections.filter((s) => s.full !== '' && chosen.get(s) === choice).map((s) => s.name!);
      return { prompt, used, condensed: named('condensed'), dropped: named('dropped') };
    }
    const lowest = kept.reduce((a, b) => (b[0].priority! <= a[0].priority! ? b : a));
    chosen.set(lowest[0], 'dropped');
  }
};
