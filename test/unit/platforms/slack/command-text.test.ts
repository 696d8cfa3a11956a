import { describe, expect, it } from 'vitest';
import type { OptionSpec } from '../../../../commands/define.js';
import { commands } from '../../../../commands/index.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { parseCommandText, usageHint } from '../../../../src/platforms/slack/command-text.js';
import { thrownUserError } from '../../../helpers/user-error.js';

const catalogs = await loadCatalogs();
const specsOf = (name: string): readonly OptionSpec[] =>
  commands.find((c) => c.name === name)!.options(catalogs);
const generate = specsOf('generate');
const gallery = specsOf('gallery');

describe('parseCommandText', () => {
  it('reads name:value pairs and takes the other words as the extra prompt', () => {
    expect(parseCommandText(generate, 'style:comic-book pose:flexing a red scarf')).toEqual({
      style: 'comic-book',
      pose: 'flexing',
      prompt: 'a red scarf',
    });
  });

  it('accepts name=value, a space after the colon, quoted values and upper-case names', () => {
    expect(parseCommandText(generate, 'STYLE=watercolor pose: waving outfit:"Captain Coat" seed:42')).toEqual(
      {
        style: 'watercolor',
        pose: 'waving',
        outfit: 'Captain Coat',
        seed: '42',
      },
    );
  });

  it('unescapes what Slack escapes (&, <, >) in values and free text', () => {
    expect(parseCommandText(generate, 'fish &amp; chips &lt;3 prompt:"x &gt; y"')).toEqual({
      prompt: 'x > y fish & chips <3',
    });
  });

  it('keeps words with a colon that are not near an option name in the prompt', () => {
    expect(parseCommandText(generate, 'at 10:30 see https://example.com/x')).toEqual({
      prompt: 'at 10:30 see https://example.com/x',
    });
  });

  it('reports a mistyped option name with a suggestion instead of prompting with it', () => {
    const error = thrownUserError(() => parseCommandText(generate, 'stlye:comic-book'));
    expect(error.message).toBe('Unknown option "stlye". Did you mean "style"?');
  });

  it('refuses an option given twice with different values', () => {
    expect(thrownUserError(() => parseCommandText(generate, 'style:a style:b')).message).toContain(
      'given twice',
    );
  });

  it('fills the user option from a mention, bare or as user:…', () => {
    expect(parseCommandText(gallery, '<@U0MAYA0001|maya> style:watercolor')).toEqual({
      user: 'U0MAYA0001',
      style: 'watercolor',
    });
    expect(parseCommandText(gallery, 'user:<@U0RAVI0001>')).toEqual({ user: 'U0RAVI0001' });
  });

  it('refuses free text for commands that take none, naming the pairs they take', () => {
    const error = thrownUserError(() => parseCommandText(gallery, 'show me everything'));
    expect(error.message).toContain('show me everything');
    expect(error.message).toContain('style:…');
  });

  it('returns nothing for empty text', () => {
    expect(parseCommandText(generate, '   ')).toEqual({});
  });

  it('builds usage hints from the option names', () => {
    expect(usageHint(generate)).toMatch(/^style:… pose:… .*\[extra details\] seed:…/);
  });
});
