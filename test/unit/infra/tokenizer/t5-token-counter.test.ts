import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFreeText } from '../../../../src/core/prompt/free-text.js';
import { extraSection } from '../../../../src/core/prompt/render-layout.js';
import { createT5TokenCounter } from '../../../../src/infra/tokenizer/t5-token-counter.js';

const counter = createT5TokenCounter();

describe('the T5 token counter', () => {
  it('counts what FLUX’s T5 encoder reads, the closing </s> included', () => {
    // ▁holding ▁ a ▁slice ▁of ▁pepper on i ▁pizza </s>: T5's vocabulary has no "▁a" piece.
    expect(counter.count('holding a slice of pepperoni pizza', 't5-tokens')).toBe(10);
    expect(counter.count('', 't5-tokens')).toBe(1);
    expect(counter.count('1 2 3 4 5 6 7 8 9.', 't5-tokens')).toBe(10);
  });

  it('counts characters as code points, as models that limit characters do', () => {
    expect(counter.count('🍕 pizza', 'characters')).toBe(7);
    expect(counter.count('Capitão', 'characters')).toBe(7);
  });

  it('reads the tokenizer files on the first T5 count, not before', () => {
    const missing = createT5TokenCounter({ dir: '/nonexistent/flux-tokenizers/t5' });
    expect(missing.count('no tokenizer needed', 'characters')).toBe(19);
    expect(() => missing.count('now it is', 't5-tokens')).toThrow(/ENOENT/);
  });

  it('gives the same count for a text it remembered', () => {
    const small = createT5TokenCounter({ memoSize: 2 });
    const texts = ['one text', 'another text', 'a third text', 'one text'];
    expect(texts.map((t) => small.count(t, 't5-tokens'))).toEqual(
      texts.map((t) => counter.count(t, 't5-tokens')),
    );
  });

  it('adds up across a space: sentences joined by single spaces cost their sum (one </s>)', () => {
    // What the fitter and the start-up check rely on: no piece of T5's vocabulary spans a space, so a
    // catalog sentence followed by whatever a person writes (normalized as free text is) splits cleanly.
    const sentence = fc.constantFrom(
      'INK DRAWING.',
      'Capitão Caverna, caveman captain mascot: strong friendly man.',
      'Outfit: his classic tunic, ochre and teal zigzag sash.',
      'ONE CHARACTER, CLEAN IMAGE WITHOUT TEXT OR WATERMARK.',
      'Lighting: warm key light from the left.',
    );
    const personal = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map(normalizeFreeText)
      .filter((text) => text !== '')
      .map(extraSection);
    fc.assert(
      fc.property(sentence, personal, sentence, (a, b, c) => {
        const sum =
          counter.count(a, 't5-tokens') + counter.count(b, 't5-tokens') + counter.count(c, 't5-tokens') - 2;
        expect(counter.count(`${a} ${b} ${c}`, 't5-tokens')).toBe(sum);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
