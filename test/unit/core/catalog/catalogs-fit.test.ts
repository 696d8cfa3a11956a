import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRegistry } from '../../../../src/core/catalog/catalog-registry.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { type Catalog, DEFAULT_EXTRA_TOKENS } from '../../../../src/core/catalog/schema.js';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';
import { checkCatalogBudget, describeBudgetProblem } from '../../../../src/core/prompt/check-budget.js';
import { findViolations, pickFitting } from '../../../../src/core/prompt/compatibility.js';
import { sentenceCost, unitName } from '../../../../src/core/prompt/measure.js';
import type { PromptBudget } from '../../../../src/core/prompt/prompt-budget.js';
import { extraSection, renderSections } from '../../../../src/core/prompt/render-layout.js';
import { SHIPPED_PROFILES } from '../../../../src/infra/fal/profiles/index.js';
import { createT5TokenCounter } from '../../../../src/infra/tokenizer/t5-token-counter.js';

/**
 * The shipped catalogs against every shipped model profile's budget: every combination, with the longest
 * extra text a person may write, fits.
 */
const SUPPORTED_BUDGETS: PromptBudget[] = [];
for (const { promptBudget } of SHIPPED_PROFILES)
  if (!SUPPORTED_BUDGETS.some((b) => b.unit === promptBudget.unit && b.max === promptBudget.max))
    SUPPORTED_BUDGETS.push(promptBudget);
// T5 first, smallest first: [0] is schnell's 256, the tightest window.
SUPPORTED_BUDGETS.sort((a, b) => (a.unit === b.unit ? a.max - b.max : a.unit === 't5-tokens' ? -1 : 1));
const counter = createT5TokenCounter();
let registry: CatalogRegistry;
beforeAll(async () => {
  registry = await loadCatalogs();
});

const PIZZA = 'holding a slice of pepperoni pizza';

/**
 * The longest extra text the budget must make room for. T5: exactly the catalog's token allowance (each
 * " 7" is one more T5 token). Characters: exactly the catalog's character limit.
 */
const longestExtra = (catalog: Catalog, budget: PromptBudget): string => {
  if (budget.unit === 'characters')
    return `${PIZZA}${' 7'.repeat((catalog.freeText.maxLength - PIZZA.length) / 2)}`;
  const allowance = catalog.freeText.maxTokens ?? DEFAULT_EXTRA_TOKENS;
  let text = PIZZA;
  while (sentenceCost(counter, 't5-tokens', extraSection(`${text} 7`)) <= allowance) text += ' 7';
  expect(sentenceCost(counter, 't5-tokens', extraSection(text))).toBe(allowance);
  expect([...text].length).toBeLessThanOrEqual(catalog.freeText.maxLength);
  return text;
};

/** The option's own choice, and for every other dimension its longest option that goes with the rest. */
const withLongestOthers = (catalog: Catalog, dimension: string, option: string): Record<string, string> => {
  const chosen: Record<string, string> = { [dimension]: option };
  for (const d of catalog.dimensions) {
    if (d.id === dimension) continue;
    const longest = [...d.options].sort((a, b) => b.prompt.length - a.prompt.length).map((o) => o.id);
    chosen[d.id] = pickFitting(catalog, chosen, d.id, longest) ?? longest[0]!;
  }
  return chosen;
};

describe.each(SUPPORTED_BUDGETS.map((budget) => [`${budget.max} ${unitName(budget.unit)}`, budget] as const))(
  'the shipped catalogs on a model that reads %s',
  (_, budget) => {
    it('fit with every combination of choices and the longest extra text (all combinations walked)', () => {
      for (const catalog of registry.list()) {
        for (const lora of catalog.lora ? [false, true] : [false]) {
          const { problem, worstCase } = checkCatalogBudget(catalog, budget, counter, lora);
          expect(problem && describeBudgetProblem(problem)).toBeUndefined();
          expect(worstCase, catalog.id).toBeLessThanOrEqual(budget.max);
        }
      }
    });

    it('build every option, next to the longest other choices, within the budget with the extra text whole', () => {
      for (const catalog of registry.list()) {
        const extra = longestExtra(catalog, budget);
        for (const dimension of catalog.dimensions) {
          for (const option of dimension.options) {
            const options = withLongestOthers(catalog, dimension.id, option.id);
            if (findViolations(catalog, options).length > 0) continue;
            const built = buildPrompt(catalog, { options, extra }, { budget, counter });
            const where = `${catalog.id} ${JSON.stringify(options)}`;
            expect(built.fit!.used, where).toBeLessThanOrEqual(budget.max);
            expect(built.fit!.used, where).toBe(counter.count(built.prompt, budget.unit));
            expect(built.prompt, where).toContain(`${extra}.`);
            expect(built.prompt, where).toContain(catalog.templates.character);
            for (const d of catalog.dimensions) {
              expect(built.prompt, where).toContain(d.options.find((o) => o.id === options[d.id])!.prompt);
            }
          }
        }
      }
    });
  },
);

describe('counting a prompt by its sentences', () => {
  it('gives exactly the T5 tokens of the whole prompt (no T5 piece spans a space)', () => {
    let state = 42;
    const random = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    for (const catalog of registry.list()) {
      const extra = longestExtra(catalog, SUPPORTED_BUDGETS[0]!);
      let checked = 0;
      while (checked < 150) {
        const options = Object.fromEntries(
          catalog.dimensions.map((d) => [d.id, d.options[random(d.options.length)]!.id]),
        );
        if (findViolations(catalog, options).length > 0) continue;
        const sections = renderSections(catalog, options, extra);
        const prompt = sections.map((s) => s.full).join(' ');
        const condensed = sections.map((s) => s.condensed ?? s.full).join(' ');
        for (const [text, parts] of [
          [prompt, sections.map((s) => s.full)],
          [condensed, sections.map((s) => s.condensed ?? s.full)],
        ] as const) {
          const sum = parts.reduce((n, s) => n + sentenceCost(counter, 't5-tokens', s), 1);
          expect(counter.count(text, 't5-tokens'), text).toBe(sum);
        }
        checked++;
      }
    }
  });
});
