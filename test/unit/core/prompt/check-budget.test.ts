import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../src/core/catalog/schema.js';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';
import {
  assertCatalogsFit,
  CatalogBudgetError,
  checkCatalogBudget,
  extraAllowance,
} from '../../../../src/core/prompt/check-budget.js';
import { findViolations } from '../../../../src/core/prompt/compatibility.js';
import type { PromptBudget } from '../../../../src/core/prompt/prompt-budget.js';
import { createT5TokenCounter } from '../../../../src/infra/tokenizer/t5-token-counter.js';
import { fitCatalog } from './fit-catalog.js';
import { testCatalog } from './test-catalog.js';

const counter = createT5TokenCounter();

/** Every combination of a (small) catalog's options. */
const combinations = (catalog: Catalog): Record<string, string>[] =>
  catalog.dimensions.reduce<Record<string, string>[]>(
    (partial, d) => partial.flatMap((options) => d.options.map((o) => ({ ...options, [d.id]: o.id }))),
    [{}],
  );

/**
 * What a combination needs with every cuttable section dropped and the longest extra text allowed, by
 * building it for real: the extra's room is measured as the difference a real text of that size makes.
 */
const neededByBuilding = (
  catalog: Catalog,
  options: Record<string, string>,
  budget: PromptBudget,
): number => {
  const built = buildPrompt(catalog, { options }, { budget: { ...budget, max: 100_000 }, counter });
  const whole = built.fit!.used;
  const sections = catalog.templates.layout as unknown[];
  const cuttable = buildPrompt(
    {
      ...catalog,
      templates: { ...catalog.templates, layout: sections.filter((s) => typeof s === 'string') as string[] },
    },
    { options },
    { budget: { ...budget, max: 100_000 }, counter },
  ).fit!.used;
  expect(cuttable).toBeLessThanOrEqual(whole);
  return cuttable + extraAllowance(catalog, budget);
};

describe('checking a catalog against a budget', () => {
  const budgets: PromptBudget[] = [
    { unit: 't5-tokens', max: 256 },
    { unit: 'characters', max: 1000 },
  ];

  it.each(budgets)(
    'gives the worst case of every combination, computed from its sentences ($unit)',
    (budget) => {
      const catalog = fitCatalog();
      const needs = combinations(catalog).map((options) => neededByBuilding(catalog, options, budget));
      expect(checkCatalogBudget(catalog, budget, counter)).toEqual({ worstCase: Math.max(...needs) });
    },
  );

  it('names a combination that does not fit, with what it needs', () => {
    const catalog = fitCatalog();
    const worst = { style: 'paint', pose: 'sit', frame: 'outro' };
    const budget: PromptBudget = {
      unit: 't5-tokens',
      max: neededByBuilding(catalog, worst, { unit: 't5-tokens', max: 0 }) - 1,
    };
    const { problem } = checkCatalogBudget(catalog, budget, counter);
    expect(problem).toMatchObject({
      catalogId: 'fit-kit',
      budget,
      needed: budget.max + 1,
      extraAllowance: 20,
    });
    // The only combination that needs that much: the longest style, pose and scene together.
    expect(problem!.options).toMatchObject({ style: 'paint', pose: 'sit' });
    const error = (() => {
      try {
        assertCatalogsFit([catalog], budget, counter);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CatalogBudgetError);
    expect((error as Error).message).toContain(
      `Catalog fit-kit does not fit the model's prompt budget (${budget.max} T5 tokens): style=paint, pose=sit, frame=`,
    );
  });

  it('lets a combination the rules forbid be too long: it is never built', () => {
    const catalog = fitCatalog((json) => {
      json.rules = [
        { when: { style: ['paint'] }, forbid: { pose: ['sit'] }, reason: 'Painted sitting is off-brand.' },
      ];
    });
    const tooLong = { style: 'paint', pose: 'sit', frame: 'intro' };
    expect(findViolations(catalog, tooLong)).not.toEqual([]);
    const allowed = combinations(catalog).filter((options) => findViolations(catalog, options).length === 0);
    const budget: PromptBudget = {
      unit: 't5-tokens',
      max: Math.max(...allowed.map((o) => neededByBuilding(catalog, o, { unit: 't5-tokens', max: 0 }))),
    };
    const check = checkCatalogBudget(catalog, budget, counter);
    expect(check.problem).toBeUndefined();
    expect(check.worstCase).toBeGreaterThan(budget.max);
    expect(checkCatalogBudget(catalog, { ...budget, max: budget.max - 1 }, counter).problem).toBeDefined();
  });

  it('checks the trigger word in place of the character when the model takes the catalog’s LoRA', () => {
    const catalog = fitCatalog((json) => {
      Object.assign(json, {
        lora: { url: 'https://v3.fal.media/files/fit/kit.safetensors', triggerWord: 'FTKT' },
      });
    });
    const budget: PromptBudget = { unit: 'characters', max: 1000 };
    const plain = checkCatalogBudget(catalog, budget, counter).worstCase;
    const lora = checkCatalogBudget(catalog, budget, counter, true).worstCase;
    expect(plain - lora).toBe('CHARACTER DESCRIPTION'.length - 'FTKT'.length);
  });

  it('gives a single-string layout two units of margin for the punctuation around the extra text', () => {
    const catalog = testCatalog();
    expect(extraAllowance(catalog, { unit: 't5-tokens', max: 256 })).toBe(82);
    expect(extraAllowance(catalog, { unit: 'characters', max: 1000 })).toBe(40 + 2 + 2);
    const check = checkCatalogBudget(catalog, { unit: 't5-tokens', max: 256 }, counter);
    // The densest 40 characters: a token per letter and per comma.
    const extra = 'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t';
    for (const options of combinations(catalog).filter((o) => findViolations(catalog, o).length === 0)) {
      const built = buildPrompt(
        catalog,
        { options, extra },
        { budget: { unit: 'characters', max: 100_000 }, counter },
      );
      expect(counter.count(built.prompt, 't5-tokens')).toBeLessThanOrEqual(check.worstCase);
    }
  });
});
