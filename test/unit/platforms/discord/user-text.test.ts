import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literal } from '../../../../src/platforms/discord/render/outgoing.js';
import { escapeActiveMarkup, escapeUserText } from '../../../../src/platforms/discord/render/user-text.js';
import { HOSTILE_TEXT } from '../../../contract/render-contract.js';
import { discordLiveMarkup } from '../../../helpers/live-markup.js';

/** What Discord displays: a backslash before punctuation is dropped. */
const shown = (text: string) => text.replace(/\\([^0-9A-Za-z\s])/g, '$1');

/** Text made mostly of the characters Discord's markdown is built from. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...'[]()<>@#-*_~|`\\:!&/ \n.'.split(''),
        'everyone',
        'here',
        'https://evil.example',
        '# ',
        '-# ',
        '> ',
        '1. ',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('escapeUserText (Discord)', () => {
  it('leaves no live markup in hostile text, which still reads as typed', () => {
    const escaped = escapeUserText(HOSTILE_TEXT);
    expect(discordLiveMarkup(escaped)).toEqual([]);
    expect(discordLiveMarkup(`> ${escaped}`)).toEqual([]);
    expect(shown(escaped)).toBe(HOSTILE_TEXT);
  });

  it('escapes every masked link on a line, not only the first', () => {
    const escaped = escapeUserText('[a](https://a.example) and [Free Nitro](https://evil.example)');
    expect(escaped).toBe('\\[a](https://a.example) and \\[Free Nitro](https://evil.example)');
  });

  it('for any text: nothing live, and Discord shows exactly what was typed', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const escaped = escapeUserText(text);
        expect(discordLiveMarkup(escaped)).toEqual([]);
        expect(discordLiveMarkup(`> ${escaped}`)).toEqual([]);
        expect(shown(escaped)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('literal() keeps the limit without leaving a dangling escape', () => {
    fc.assert(
      fc.property(markdownish, fc.integer({ min: 1, max: 50 }), (text, max) => {
        const out = literal(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(discordLiveMarkup(out)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeActiveMarkup (Discord error replies)', () => {
  it("keeps the bot's own emphasis while a quoted value can make no link, ping or heading", () => {
    const quoted = `Unknown style "${HOSTILE_TEXT}". I need the **Embed Links** permission.`;
    const text = escapeActiveMarkup(quoted);
    expect(discordLiveMarkup(text)).toEqual([]);
    expect(text).toContain('**Embed Links**');
    expect(shown(text)).toBe(quoted);
  });
});
