import { describe, expect, it } from 'vitest';
import {
  editDistance,
  normalizeKey,
  suggest,
  unknownValueMessage,
} from '../../../../src/core/prompt/suggest.js';

const styles = ['animated-3d', 'comic-book', 'flat-vector', 'watercolor', 'pixel-art', 'cave-painting'];
const pick = (input: string) => suggest(input, styles, (s) => [s]);

describe('normalizeKey', () => {
  it('ignores case, accents, spaces, dashes and underscores', () => {
    expect(normalizeKey(' Capitão  Caverna ')).toBe('capitaocaverna');
    expect(normalizeKey('COMIC_book-')).toBe('comicbook');
  });
});

describe('editDistance', () => {
  it.each([
    ['comic', 'comic', 0],
    ['comci', 'comic', 1],
    ['comc', 'comic', 1],
    ['xcomic', 'comic', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('suggest', () => {
  it.each([
    ['comci', 'comic-book'],
    ['comic', 'comic-book'],
    ['watercolour', 'watercolor'],
    ['pixelart', 'pixel-art'],
    ['Cave Paintng', 'cave-painting'],
    ['flat vectr', 'flat-vector'],
    ['painting', 'cave-painting'],
    ['vectro', 'flat-vector'],
  ])('suggests %s → %s', (input, expected) => {
    expect(pick(input)).toBe(expected);
  });

  it.each(['zebra', 'x', '', 'photorealistic'])('suggests nothing for %j', (input) => {
    expect(pick(input)).toBeUndefined();
  });

  it('matches on any key of an item, such as its label', () => {
    const items = [
      { id: 'sun', label: 'Solar Flare' },
      { id: 'moon', label: 'Monochrome Moon' },
    ];
    expect(suggest('solar flair', items, (i) => [i.id, i.label])?.id).toBe('sun');
  });

  it('prefers the earlier item on a tie, so results are stable', () => {
    expect(suggest('cat', ['bat', 'hat'], (s) => [s])).toBe('bat');
  });
});

describe('unknownValueMessage', () => {
  it('quotes the input, the suggestion and the allowed values, shortening long input', () => {
    expect(unknownValueMessage('style', 'comci', ['a', 'b'], 'a')).toBe(
      'Unknown style "comci". Did you mean "a"? Allowed: a, b.',
    );
    expect(unknownValueMessage('style', 'x'.repeat(500), ['a'])).toMatch(
      /^Unknown style "x{59}…"\. Allowed: a\.$/,
    );
  });
});
