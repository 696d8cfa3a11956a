import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';
import { PromptTooLongError } from '../../../../src/core/prompt/fit-prompt.js';
import type { PromptBudget, TokenCounter } from '../../../../src/core/prompt/prompt-budget.js';
import { createT5TokenCounter } from '../../../../src/infra/tokenizer/t5-token-counter.js';
import { PROJECT_ROOT } from '../../../../src/paths.js';
import { thrownUserError } from '../../../helpers/user-error.js';
import { fitCatalog } from './fit-catalog.js';

const counter = createT5TokenCounter();
const catalog = fitCatalog();
const chars = (max: number): PromptBudget => ({ unit: 'characters', max });
const t5 = (max: number): PromptBudget => ({ unit: 't5-tokens', max });
const fitTo = (budget: PromptBudget, extra?: string) =>
  buildPrompt(catalog, { options: {}, ...(extra === undefined ? {} : { extra }) }, { budget, counter });

// The sentences of the default choices, as rendered.
const FIXED = 'INK DRAWING. CHARACTER DESCRIPTION. WAVING. Scene: INTRO SCENE.';
const FRAMING = 'FULL BODY CENTERED, CAMERA AT CHEST HEIGHT, NATURAL PERSPECTIVE.';
const FRAMING_C = 'FULL BODY CENTERED.';
const SAFE = 'ONE CHARACTER, CLEAN IMAGE WITHOUT TEXT OR WATERMARK.';
const SAFE_C = 'NO TEXT.';
const LIGHT = 'Lighting: WARM KEY LIGHT FROM THE LEFT, COOL FILL, GENTLE RIM.';
const LIGHT_C = 'Lighting: WARM KEY LIGHT.';
const SETTING = 'Setting: A SPACIOUS LIMESTONE CAVE WITH A CAMPFIRE AND A VALLEY VIEW.';
const SETTING_C = 'Setting: A CAVE.';
const TECH = 'SHARP FOCUS, HIGH DETAIL.';
const join = (...sentences: string[]) => sentences.join(' ');

describe('fitting a prompt to the model’s budget', () => {
  it('keeps every section, as built without a budget, when the model reads it all', () => {
    const whole = buildPrompt(catalog, { options: {} }).prompt;
    expect(whole).toBe(join(FIXED, FRAMING, SAFE, LIGHT, SETTING, TECH));
    const built = fitTo(chars(whole.length));
    expect(built.prompt).toBe(whole);
    expect(built.fit).toEqual({
      budget: chars(whole.length),
      used: whole.length,
      condensed: [],
      dropped: [],
      lora: false,
    });
  });

  it.each([
    ['only what is never cut', [FIXED], [], ['framing', 'safeguards', 'lighting', 'setting', 'technical']],
    [
      'the highest priority, condensed',
      [FIXED, FRAMING_C],
      ['framing'],
      ['safeguards', 'lighting', 'setting', 'technical'],
    ],
    // Room for the full framing goes to condensed sections first: breadth before detail.
    [
      'condensed sections before any full text',
      [FIXED, FRAMING],
      ['framing', 'safeguards', 'lighting'],
      ['setting', 'technical'],
    ],
    [
      'every section condensed',
      [FIXED, FRAMING_C, SAFE_C, LIGHT_C, SETTING_C, TECH],
      ['framing', 'safeguards', 'lighting', 'setting'],
      [],
    ],
  ])('condenses, then drops the lowest priorities first: %s', (_, room, condensed, dropped) => {
    const built = fitTo(chars(join(...room).length));
    expect(built.fit).toMatchObject({ condensed, dropped });
    expect(built.fit!.used).toBeLessThanOrEqual(join(...room).length);
    expect(built.prompt.startsWith(FIXED)).toBe(true);
  });

  it('gives full text back by priority when condensing everything left room', () => {
    const room = join(FIXED, FRAMING, SAFE_C, LIGHT_C, SETTING_C, TECH).length;
    const built = fitTo(chars(room));
    expect(built.prompt).toBe(join(FIXED, FRAMING, SAFE_C, LIGHT_C, SETTING_C, TECH));
    expect(built.fit).toMatchObject({
      used: room,
      condensed: ['safeguards', 'lighting', 'setting'],
      dropped: [],
    });
  });

  it('never cuts the person’s text, the choices or the character', () => {
    const extra = 'holding a slice of pepperoni pizza';
    const fixed =
      'INK DRAWING. CHARACTER DESCRIPTION. WAVING. holding a slice of pepperoni pizza. Scene: INTRO SCENE.';
    expect(fitTo(chars(fixed.length), extra).prompt).toBe(fixed);
    const error = (() => {
      try {
        fitTo(chars(fixed.length - 1), extra);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PromptTooLongError);
    expect((error as Error).message).toContain(
      `fit-kit: what is never cut (character, choices, extra text) takes ${fixed.length} of the model's ${fixed.length - 1} characters`,
    );
  });

  it('counts FLUX’s T5 tokens exactly, </s> included, and stays within the budget', () => {
    for (const max of [40, 50, 60, 80, 200]) {
      const built = fitTo(t5(max), 'holding a slice of pepperoni pizza');
      expect(built.fit!.used).toBe(counter.count(built.prompt, 't5-tokens'));
      expect(built.fit!.used).toBeLessThanOrEqual(max);
      expect(built.prompt).toContain('holding a slice of pepperoni pizza.');
    }
  });

  it('refuses a person’s text that takes more T5 tokens than the catalog keeps for it, whatever its length', () => {
    // 19 characters, far under maxLength (120), but each letter and comma is a T5 token: 21 of 20.
    const dense = 'a,b,c,d,e,f,g,h,i,j';
    const error = thrownUserError(() => fitTo(t5(512), dense));
    expect(error.code).toBe('text_too_long');
    expect(error.message).toMatch(
      /too long for the image model to read in full \(21 text tokens; at most 20\)/,
    );
    // Within the allowance it is kept whole; models that count characters only have the character limit.
    expect(fitTo(t5(512), 'a,b,c,d,e,f,g,h,i').prompt).toContain('a,b,c,d,e,f,g,h,i.');
    expect(fitTo(chars(1000), dense).prompt).toContain(`${dense}.`);
  });

  it('drops more when a counter finds the whole prompt longer than its sentences', () => {
    // Not T5 (whose sentences add up exactly): a counter charging 3 more for each sentence joint.
    const lumpy: TokenCounter = { count: (text) => [...text].length + 3 * (text.split('. ').length - 1) };
    const whole = join(FIXED, FRAMING, SAFE, LIGHT, SETTING, TECH);
    const built = buildPrompt(catalog, { options: {} }, { budget: chars(whole.length), counter: lumpy });
    expect(built.fit!.used).toBe(lumpy.count(built.prompt, 'characters'));
    expect(built.fit!.used).toBeLessThanOrEqual(whole.length);
    expect(built.fit!.dropped).toEqual(['technical']);
  });
});

describe('what a fitted prompt carries', () => {
  it('hashes the budget and LoRA mode with the params: one hash, one prompt text', () => {
    const hashOf = (budget?: PromptBudget) =>
      buildPrompt(catalog, { options: {} }, budget && { budget, counter }).hash;
    expect(hashOf(t5(256))).toBe(hashOf(t5(256)));
    expect(new Set([hashOf(), hashOf(t5(256)), hashOf(t5(512)), hashOf(chars(1000))]).size).toBe(4);
  });

  it('puts the LoRA trigger word in place of the character description on models that take LoRAs', () => {
    const branded = fitCatalog((json) => {
      Object.assign(json, {
        lora: {
          url: 'https://v3.fal.media/files/fit/kit.safetensors',
          triggerWord: 'FTKT mascot',
          scale: 0.8,
        },
      });
    });
    const withLora = buildPrompt(branded, { options: {} }, { budget: t5(256), counter, lora: true });
    expect(withLora.prompt).toContain('INK DRAWING. FTKT mascot. WAVING.');
    expect(withLora.prompt).not.toContain('CHARACTER DESCRIPTION');
    expect(withLora.loras).toEqual([{ url: 'https://v3.fal.media/files/fit/kit.safetensors', scale: 0.8 }]);
    expect(withLora.fit!.lora).toBe(true);
    const without = buildPrompt(branded, { options: {} }, { budget: t5(256), counter });
    expect(without.prompt).toContain('CHARACTER DESCRIPTION');
    expect(without.loras).toBeUndefined();
    expect(without.hash).not.toBe(withLora.hash);
    // A catalog without a LoRA keeps its character whatever the model takes.
    const plain = buildPrompt(catalog, { options: {} }, { budget: t5(256), counter, lora: true });
    expect(plain.prompt).toContain('CHARACTER DESCRIPTION');
    expect(plain.fit!.lora).toBe(false);
  });

  it('carries reference images (repository files as file:// URLs) and the palette for the models that take them', () => {
    const branded = fitCatalog((json) => {
      Object.assign(json, {
        referenceImages: ['https://cdn.example.com/sheet.png', 'assets/flux-tokenizers/SOURCE.md'],
        palette: ['#C8772E', '#0e5e63'],
      });
    });
    const built = buildPrompt(branded, { options: {} });
    expect(built.referenceImageUrls).toEqual([
      'https://cdn.example.com/sheet.png',
      pathToFileURL(resolve(PROJECT_ROOT, 'assets/flux-tokenizers/SOURCE.md')).href,
    ]);
    expect(built.colors).toEqual(['#C8772E', '#0e5e63']);
    expect(buildPrompt(catalog, { options: {} })).not.toHaveProperty('colors');
  });

  it('keeps the catalog’s negative prompt for models with a native field', () => {
    expect(fitTo(t5(256)).negativePrompt).toBe('text, watermark');
  });
});
