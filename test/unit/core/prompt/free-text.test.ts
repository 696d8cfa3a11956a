import { describe, expect, it } from 'vitest';
import type { UserError } from '../../../../src/core/errors.js';
import { compileBlocklist, containsBlockedWord } from '../../../../src/core/prompt/blocklist.js';
import { checkFreeText, normalizeFreeText } from '../../../../src/core/prompt/free-text.js';

const rules = { maxLength: 300, blockedWords: ['nude', 'self harm', 'Gore', 'kkk'] };
const blocklist = compileBlocklist(rules.blockedWords);
const blocked = (text: string) => containsBlockedWord(normalizeFreeText(text), blocklist);

describe('normalizeFreeText', () => {
  it.each([
    [undefined, ''],
    ['  a   b  ', 'a b'],
    ['line\none\r\ntwo\tthree', 'line one two three'],
    ['zero\u200Bwidth\u200D', 'zerowidth'],
    ['bell\u0007 and \u0000nul', 'bell and nul'],
    ['\u202Eevil override', 'evil override'],
    ['ｆｕｌｌ－ｗｉｄｔｈ', 'full-width'],
    ['ﬁne ligature', 'fine ligature'],
    ['café', 'café'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeFreeText(input)).toBe(expected);
  });
});

describe('blocked words', () => {
  it.each([
    'nude',
    'NUDE beach',
    'a nudes poster',
    'nüde',
    'n u d e',
    'n.u.d.e',
    'n-u-d-e',
    'nu\u200Bde',
    'ｎｕｄｅ',
    'nud3',
    'NÜDE',
    'nuuude',
    'self-harm',
    'self   harm',
    'g0r3',
    'K.K.K',
    '$elf-h4rm',
    'so nude!',
    'S-E-L-F harm',
  ])('catches %j', (text) => {
    expect(blocked(text)).toBe(true);
  });

  it.each([
    'nudge',
    'denude',
    'go re-do it',
    'gorgeous gorilla',
    'selfish harmony',
    'sussex',
    'a red hat',
    '',
  ])('lets %j through', (text) => {
    expect(blocked(text)).toBe(false);
  });

  it('compiles an empty list to nothing', () => {
    expect(compileBlocklist([])).toBeUndefined();
    expect(containsBlockedWord('anything', undefined)).toBe(false);
  });
});

describe('checkFreeText', () => {
  const errorOf = (text: string, limits = rules): UserError => {
    try {
      checkFreeText(text, limits);
    } catch (error) {
      return error as UserError;
    }
    throw new Error('expected an error');
  };

  it('returns the normalized text when it is acceptable', () => {
    expect(checkFreeText('  wearing   a {character} hat ', rules)).toBe('wearing a {character} hat');
  });

  it('measures length after normalization', () => {
    expect(checkFreeText(`${'a'.repeat(300)}    `, rules)).toHaveLength(300);
    const error = errorOf('a'.repeat(301));
    expect(error.code).toBe('text_too_long');
    expect(error.message).toBe('Extra text is limited to 300 characters; yours has 301. Please shorten it.');
  });

  it('does not reveal the blocked word list', () => {
    const error = errorOf('some gore please');
    expect(error.code).toBe('text_blocked');
    for (const word of rules.blockedWords)
      expect(error.message.toLowerCase()).not.toContain(word.toLowerCase());
  });
});
