import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogLoadError, loadCatalogs, parseCatalog } from '../../../../src/core/catalog/load-catalogs.js';
import { fitCatalogJson } from '../prompt/fit-catalog.js';

type Json = ReturnType<typeof fitCatalogJson> & Record<string, unknown>;

const problemsOf = (edit: (json: Json) => void): string[] => {
  const json = fitCatalogJson() as Json;
  edit(json);
  try {
    parseCatalog(json, 'fit.json');
  } catch (error) {
    if (error instanceof CatalogLoadError) return [...error.problems];
    throw error;
  }
  return [];
};

const sections = (json: Json) => json.templates.layout as unknown[];

describe('catalog sections and priorities', () => {
  it('accepts the list layout with priorities and condensed variants', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it.each([
    [
      'the character in a section that may be cut',
      (json: Json) => sections(json).push({ name: 'again', text: 'Again: {character}', priority: 5 }),
      ['templates.layout[10]: {character} is never cut, so it cannot be in a section with a priority'],
    ],
    [
      'a choice in a section that may be cut',
      (json: Json) => {
        sections(json)[2] = { name: 'pose', text: '{pose}', priority: 90 };
      },
      ['templates.layout[2]: {pose} is never cut, so it cannot be in a section with a priority'],
    ],
    [
      'the person’s text inside another sentence',
      (json: Json) => {
        sections(json)[3] = 'Also {extra}';
      },
      ['templates.layout[3]: {extra} must be a section of its own: "{extra}"'],
    ],
    [
      'the person’s text twice',
      (json: Json) => sections(json).push('{extra}'),
      ['templates.layout: {extra} is used more than once'],
    ],
    [
      'two sections with one name',
      (json: Json) => sections(json).push({ name: 'framing', text: 'MORE FRAMING', priority: 1 }),
      ['templates.layout[10].name: duplicate section name "framing"'],
    ],
    [
      'an unknown placeholder in a condensed variant',
      (json: Json) => {
        sections(json)[6] = { name: 'safeguards', text: 'SAFE', condensed: '{mood}', priority: 45 };
      },
      ['templates.layout[6].condensed: unknown placeholder {mood}'],
    ],
    [
      'a section without a priority number',
      (json: Json) => {
        sections(json)[5] = { name: 'framing', text: '{frame.positioning}' };
      },
      ['templates.layout[5].priority: Invalid input: expected number, received undefined'],
    ],
  ])('refuses %s', (_, edit, problems) => {
    expect(problemsOf(edit)).toEqual(problems);
  });
});

describe('brand assets in a catalog', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('accepts a LoRA, reference images and a palette, with the LoRA scale defaulting to 1', () => {
    const json = fitCatalogJson() as Json;
    Object.assign(json, {
      lora: { url: 'https://v3.fal.media/files/kit/lora.safetensors', triggerWord: 'FTKT' },
      referenceImages: ['https://cdn.example.com/sheet.png', 'catalogs/assets/sheet.png'],
      palette: ['#C8772E', '#0e5e63'],
    });
    expect(parseCatalog(json, 'fit.json')).toMatchObject({
      lora: { url: 'https://v3.fal.media/files/kit/lora.safetensors', triggerWord: 'FTKT', scale: 1 },
      palette: ['#C8772E', '#0e5e63'],
    });
  });

  it('refuses malformed assets, naming each', () => {
    expect(
      problemsOf((json) =>
        Object.assign(json, {
          lora: { url: 'ftp://example.com/lora', triggerWord: ' ', scale: 9 },
          referenceImages: ['../outside.png', '/etc/passwd', 'javascript:alert(1)'],
          palette: ['#fff', 'ochre'],
        }),
      ),
    ).toEqual([
      'lora.url: expected an http(s) URL',
      'lora.triggerWord: Too small: expected string to have >=1 characters',
      'lora.scale: Too big: expected number to be <=4',
      'referenceImages[0]: expected an http(s) URL or a file path inside the repository',
      'referenceImages[1]: expected an http(s) URL or a file path inside the repository',
      'referenceImages[2]: expected an http(s) URL or a file path inside the repository',
      'palette[0]: expected a colour as #rrggbb',
      'palette[1]: expected a colour as #rrggbb',
    ]);
  });

  it('refuses a reference image file that is not in the repository', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-assets-'));
    dirs.push(dir);
    const json = fitCatalogJson() as Json;
    json.referenceImages = ['assets/flux-tokenizers/SOURCE.md', 'catalogs/assets/missing-sheet.png'];
    await writeFile(join(dir, 'fit.json'), JSON.stringify(json));
    const error = await loadCatalogs(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogLoadError);
    expect((error as CatalogLoadError).problems).toEqual([
      'referenceImages[1]: no file catalogs/assets/missing-sheet.png in the repository',
    ]);
  });
});
