import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blocklistEntryProblem } from '../../../../src/config.js';
import { createBlocklist, parseBlocklistText } from '../../../../src/core/moderation/blocklist.js';
import { readBlocklistFile } from '../../../../src/core/moderation/blocklist-file.js';

describe('operator blocklist: words and phrases (the catalog matcher)', () => {
  const list = createBlocklist(['nude', 'self harm', 'Casino']);

  it('finds a listed word and names the entry', () => {
    expect(list.find('a nude portrait')).toEqual({ entry: 'nude', found: 'nude' });
    expect(list.find('a calm portrait')).toBeUndefined();
  });

  it('ignores case and accents, and names the entry as the operator wrote it', () => {
    expect(list.find('NUDE beach')?.entry).toBe('nude');
    expect(list.find('nüde')?.entry).toBe('nude');
    expect(list.find('visit the CASINO')).toEqual({ entry: 'Casino', found: 'Casino' });
  });

  it('matches whole words only (plurals included)', () => {
    expect(list.find('nudes')?.entry).toBe('nude');
    expect(list.find('a gentle nudge')).toBeUndefined();
    expect(list.find('casinos')?.entry).toBe('Casino');
  });

  it('matches phrases however the words are separated', () => {
    expect(list.find('no self-harm here')?.entry).toBe('self harm');
    expect(list.find('self   harm')?.entry).toBe('self harm');
    expect(list.find('self care, harm reduction')).toBeUndefined();
  });

  it('sees through obfuscation: lookalikes, spaced letters, stretching, full-width and invisible characters', () => {
    for (const text of ['n u d e', 'n.u.d.e', 'nuuude', 'ｎｕｄｅ', 'nu\u200Bde', 'c4sin0', '$elf harm'])
      expect(list.find(text), text).toBeDefined();
  });

  it('is empty when there are no entries', () => {
    const empty = createBlocklist(['', '  ']);
    expect(empty.size).toBe(0);
    expect(empty.find('anything at all')).toBeUndefined();
  });
});

describe('operator blocklist: letters the folding cannot see', () => {
  it('matches non-Latin words and emoji literally, in any case', () => {
    const list = createBlocklist(['казино', '🍆', 'straße']);
    expect(list.find('лучшее КАЗИНО онлайн')).toEqual({ entry: 'казино', found: 'казино' });
    expect(list.find('a 🍆 on a plate')?.entry).toBe('🍆');
    expect(list.find('die STRASSE')).toBeUndefined();
    expect(list.find('Hauptstraße')?.entry).toBe('straße');
    expect(list.find('a quiet street')).toBeUndefined();
  });
});

describe('operator blocklist: /regular expressions/', () => {
  it('runs on the text as typed and names what matched', () => {
    const list = createBlocklist(['/casino\\d+/i', '/https?:\\/\\/\\S+/']);
    expect(list.find('play at Casino777 now')).toEqual({ entry: '/casino\\d+/i', found: 'Casino777' });
    expect(list.find('see http://spam.example/x')?.found).toBe('http://spam.example/x');
    expect(list.find('casino night')).toBeUndefined();
  });

  it('respects flags but drops g and y, so a second check finds the same thing', () => {
    const caseSensitive = createBlocklist(['/Forbidden/']);
    expect(caseSensitive.find('forbidden')).toBeUndefined();
    expect(caseSensitive.find('Forbidden')?.found).toBe('Forbidden');
    const global = createBlocklist(['/spam/gi']);
    expect(global.find('SPAM')?.found).toBe('SPAM');
    expect(global.find('SPAM')?.found).toBe('SPAM');
  });

  it('cuts a long match when naming it', () => {
    const list = createBlocklist(['/x+/']);
    const found = list.find('x'.repeat(200))?.found ?? '';
    expect(found.length).toBeLessThanOrEqual(60);
    expect(found.endsWith('…')).toBe(true);
  });
});

describe('blocklist file', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('takes one entry per line, skipping blank lines and # comments, with line numbers', () => {
    const text = '# operator list\n\nnude\n  self harm  \r\n# regexes\n/casino\\d+/i\n';
    expect(parseBlocklistText(text)).toEqual([
      { line: 3, entry: 'nude' },
      { line: 4, entry: 'self harm' },
      { line: 6, entry: '/casino\\d+/i' },
    ]);
  });

  it('reads a file and names the file and line of an invalid regular expression', async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-blocklist-'));
    const good = join(dir, 'good.txt');
    await writeFile(good, '# words\nnude\n/casino\\d+/i\n');
    expect(await readBlocklistFile(good, blocklistEntryProblem)).toEqual({
      entries: ['nude', '/casino\\d+/i'],
      problems: [],
    });
    const bad = join(dir, 'bad.txt');
    await writeFile(bad, 'nude\n# fine so far\n/[unclosed/\n');
    const read = await readBlocklistFile(bad, blocklistEntryProblem);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line 3: /\\[unclosed/ is not a valid regular expression`,
      ),
    );
  });
});
