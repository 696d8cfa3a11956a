import type { Catalog } from '../catalog/schema.js';
import { DEFAULT_EXTRA_TOKENS } from '../catalog/schema.js';
import type { Logger } from '../logger.js';
import { findViolations } from './compatibility.js';
import { describeBudget, promptOverhead, sentenceCost } from './measure.js';
import type { PromptBudget, TokenCounter } from './prompt-budget.js';
import { layoutSections, listPlaceholders, parsePlaceholder, renderFixedSection } from './render-layout.js';

/** A combination of choices whose never-cut text, with the longest extra text allowed, exceeds the budget. */
export interface BudgetProblem {
  catalogId: string;
  budget: PromptBudget;
  /** Option ids by dimension, in catalog order. */
  options: Record<string, string>;
  /** What the combination needs with the longest extra text, in the budget's unit. */
  needed: number;
  extraAllowance: number;
}

export interface BudgetCheck {
  /** The most any combination can need (exact when the longest options of each section go together). */
  worstCase: number;
  problem?: BudgetProblem;
}

/** A section holding several dimensions is costed over all their combinations: keep that small. */
const MAX_SECTION_COMBINATIONS = 1_000;

/**
 * What the person's text may cost the prompt. T5: the catalog's token allowance, which build-prompt
 * enforces on the text's own sentence. Characters: the longest text plus its full stop and joining space.
 * In a single-string layout the text sits inside a sentence, so two units of margin cover the punctuation
 * and space around it.
 */
export const extraAllowance = (catalog: Catalog, budget: PromptBudget): number => {
  const margin = typeof catalog.templates.layout === 'string' ? 2 : 0;
  if (budget.unit === 't5-tokens') return (catalog.freeText.maxTokens ?? DEFAULT_EXTRA_TOKENS) + margin;
  return catalog.freeText.maxLength + 2 + margin;
};

interface CostedSection {
  dimensions: string[];
  /** Cost by the chosen options of `dimensions`, joined by "\u0000". */
  costs: Map<string, number>;
  max: number;
}

const combinations = (catalog: Catalog, dimensions: readonly string[]): Record<string, string>[] =>
  dimensions.reduce<Record<string, string>[]>(
    (partial, id) =>
      partial.flatMap((options) =>
        catalog.dimensions.find((d) => d.id === id)!.options.map((o) => ({ ...options, [id]: o.id })),
      ),
    [{}],
  );

const costSection = (
  catalog: Catalog,
  section: string,
  cost: (text: string) => number,
  lora: boolean,
): CostedSection => {
  const dimensions = catalog.dimensions
    .map((d) => d.id)
    .filter((id) =>
      listPlaceholders(section).some((name) => {
        const placeholder = parsePlaceholder(catalog, name);
        return placeholder?.kind === 'option' && placeholder.dimension === id;
      }),
    );
  const count = dimensions.reduce(
    (n, id) => n * catalog.dimensions.find((d) => d.id === id)!.options.length,
    1,
  );
  if (count > MAX_SECTION_COMBINATIONS)
    throw new Error(
      `Catalog ${catalog.id}: a layout section combines ${dimensions.join(', ')} (${count} combinations); ` +
        'split it into sections so its length can be checked',
    );
  const costs = new Map<string, number>();
  let max = 0;
  for (const options of combinations(catalog, dimensions)) {
    const value = cost(renderFixedSection(catalog, section, options, { lora }));
    costs.set(dimensions.map((d) => options[d]).join('\u0000'), value);
    max = Math.max(max, value);
  }
  return { dimensions, costs, max };
};

/**
 * Checks that every combination of the catalog's choices fits `budget` with the longest extra text
 * allowed, once every cuttable section is dropped. Sentences cost the same alone as in the prompt (see
 * sentenceCost), so each never-cut sentence is costed once per option of the dimensions it holds, and the
 * combinations are walked as sums: a branch whose most expensive completion fits is not walked further,
 * so a catalog that fits costs one pass over its options. A combination the catalog's rules forbid is
 * never built, so it is not a problem.
 */
export const checkCatalogBudget = (
  catalog: Catalog,
  budget: PromptBudget,
  counter: TokenCounter,
  lora = false,
): BudgetCheck => {
  const useLora = lora && catalog.lora !== undefined;
  const cost = (text: string) => sentenceCost(counter, budget.unit, text);
  const fixed = layoutSections(catalog)
    .filter((s): s is string => typeof s === 'string')
    .map((s) => costSection(catalog, s, cost, useLora));
  const allowance = extraAllowance(catalog, budget);
  const constant = promptOverhead(budget.unit) + allowance;
  const dimensionIds = catalog.dimensions.map((d) => d.id);
  // Each section is added once its last dimension (in catalog order) is chosen.
  const addedAt = (section: CostedSection) =>
    section.dimensions.length === 0
      ? -1
      : Math.max(...section.dimensions.map((d) => dimensionIds.indexOf(d)));
  const base = fixed.filter((s) => addedAt(s) === -1).reduce((sum, s) => sum + s.max, constant);
  const byLevel = dimensionIds.map((_, i) => fixed.filter((s) => addedAt(s) === i));
  const rest = dimensionIds.map((_, i) =>
    byLevel.slice(i).reduce((sum, level) => sum + level.reduce((n, s) => n + s.max, 0), 0),
  );
  const worstCase = base + (rest[0] ?? 0);
  if (worstCase <= budget.max) return { worstCase };

  const chosen: Record<string, string> = {};
  const walk = (level: number, sum: number): number | undefined => {
    if (sum + (rest[level] ?? 0) <= budget.max) return undefined;
    if (level === dimensionIds.length) return findViolations(catalog, chosen).length === 0 ? sum : undefined;
    const id = dimensionIds[level]!;
    for (const option of catalog.dimensions[level]!.options) {
      chosen[id] = option.id;
      const added = byLevel[level]!.reduce(
        (n, s) => n + s.costs.get(s.dimensions.map((d) => chosen[d]).join('\u0000'))!,
        0,
      );
      const needed = walk(level + 1, sum + added);
      if (needed !== undefined) return needed;
    }
    delete chosen[id];
    return undefined;
  };
  const needed = walk(0, base);
  if (needed === undefined) return { worstCase };
  return {
    worstCase,
    problem: { catalogId: catalog.id, budget, options: { ...chosen }, needed, extraAllowance: allowance },
  };
};

export const describeBudgetProblem = (problem: BudgetProblem): string =>
  `Catalog ${problem.catalogId} does not fit the model's prompt budget (${describeBudget(problem.budget)}): ` +
  `${Object.entries(problem.options)
    .map(([d, o]) => `${d}=${o}`)
    .join(', ')} with the longest extra text allowed needs ${problem.needed} even with every cuttable ` +
  'section dropped. Shorten its character or option texts, or lower freeText.maxTokens.';

/** Start-up refuses catalogs that cannot fit the model: the message names each offending combination. */
export class CatalogBudgetError extends Error {
  override readonly name = 'CatalogBudgetError';
  constructor(readonly problems: readonly BudgetProblem[]) {
    super(problems.map(describeBudgetProblem).join('\n'));
  }
}

/** Every catalog against the model's budget; throws CatalogBudgetError. Returns each one's worst case. */
export const assertCatalogsFit = (
  catalogs: readonly Catalog[],
  budget: PromptBudget,
  counter: TokenCounter,
  lora = false,
): Record<string, number> => {
  const checks = catalogs.map((catalog) => ({
    catalog,
    check: checkCatalogBudget(catalog, budget, counter, lora),
  }));
  const problems = checks.flatMap(({ check }) => (check.problem ? [check.problem] : []));
  if (problems.length > 0) throw new CatalogBudgetError(problems);
  return Object.fromEntries(checks.map(({ catalog, check }) => [catalog.id, check.worstCase]));
};

/**
 * Start-up: refuses a catalog that cannot fit the model, naming the combination; logs what the check cost
 * (the tokenizer's first read, measured by the caller, then the walk over every catalog's combinations).
 */
export function checkCatalogsFit(
  catalogs: readonly Catalog[],
  fit: { budget: PromptBudget; counter: TokenCounter; lora: boolean },
  log: Logger,
  tokenizerLoadMs: number,
): void {
  const started = performance.now();
  const worstCase = assertCatalogsFit(catalogs, fit.budget, fit.counter, fit.lora);
  log.info(
    {
      budget: fit.budget,
      worstCase,
      tokenizerLoadMs: Math.round(tokenizerLoadMs),
      checkMs: Math.round(performance.now() - started),
    },
    'every catalog combination fits the model prompt budget',
  );
}
