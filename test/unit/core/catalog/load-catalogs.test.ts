import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogLoadError, loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { testCatalogJson } from '../prompt/test-catalog.js';

type Json = ReturnType<typeof testCatalogJson>;
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes catalogs to a fresh temp dir: name → JSON (or raw text). */
const writeDir = async (files: Record<string, unknown>): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-catalogs-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
};

const edited = (edit: (json: Json) => void): Json => {
  const json = testCatalogJson();
  edit(json);
  return json;
};

/** Loads one edited catalog and returns the load error (failing the test when it loads). */
const loadError = async (edit: (json: Json) => void): Promise<CatalogLoadError> => {
  const dir = await writeDir({ 'broken.json': edited(edit) });
  const error = await loadCatalogs(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogLoadError);
  expect((error as CatalogLoadError).message).toContain(join(dir, 'broken.json'));
  return error as CatalogLoadError;
};

describe('loadCatalogs', () => {
  it('loads every *.json in a folder, ignoring other files', async () => {
    const other = edited((json) => {
      json.id = 'other-kit';
    });
    const dir = await writeDir({
      'a.json': testCatalogJson(),
      'b.json': other,
      'notes.txt': 'not a catalog',
    });
    const registry = await loadCatalogs(dir);
    expect(registry.list().map((c) => c.id)).toEqual(['other-kit', 'test-kit']);
    // Without capitao-caverna the first id is the default.
    expect(registry.defaultId).toBe('other-kit');
  });

  it.each<[string, (json: Json) => void, string]>([
    [
      'a rule naming an unknown option',
      (json) => {
        json.rules[0]!.forbid = { prop: ['lantern'] };
      },
      'rules[0].forbid.prop[0]: "lantern" is not an option of prop',
    ],
    [
      'a rule naming an unknown dimension',
      (json) => {
        json.rules[0]!.when = { mood: ['happy'] } as never;
      },
      'rules[0].when.mood: unknown dimension "mood"',
    ],
    [
      'a missing default',
      (json) => {
        delete (json.defaults as Record<string, string>).prop;
      },
      'defaults.prop: missing default',
    ],
    [
      'a default that is not an option',
      (json) => {
        json.defaults.pose = 'dancing';
      },
      'defaults.pose[0]: "dancing" is not an option of pose',
    ],
    [
      'defaults that conflict',
      (json) => {
        json.defaults.pose = 'jumping';
        json.defaults.prop = 'mug';
      },
      'defaults: the defaults conflict with each other (pose / prop)',
    ],
    [
      'a frame allowing an unknown option',
      (json) => {
        (json.dimensions[3]!.options[1] as { allow?: unknown }).allow = { pose: ['moonwalk'] };
      },
      'dimensions[3].options[1].allow.pose[0]: "moonwalk" is not an option of pose',
    ],
    [
      'a sequence frame that is not an option',
      (json) => {
        json.sequence.frames.push('epilogue');
      },
      'sequence.frames[3]: "epilogue" is not an option of frame',
    ],
    [
      'an unknown style dimension',
      (json) => {
        json.styleDimension = 'medium';
      },
      'styleDimension: unknown dimension "medium"',
    ],
    [
      'an unknown layout placeholder',
      (json) => {
        json.templates.layout += ' {mood}';
      },
      'templates.layout: unknown placeholder {mood}',
    ],
    [
      'a dimension the layout never uses',
      (json) => {
        json.templates.layout = json.templates.layout.replace('Prop: {prop}.', '');
      },
      'dimensions[2]: never used: templates.layout lacks {prop}',
    ],
    [
      'a frame without the positioning the layout uses',
      (json) => {
        delete (json.dimensions[3]!.options[2] as { positioning?: string }).positioning;
      },
      'dimensions[3].options[2].positioning: missing: layout uses {frame.positioning}',
    ],
    [
      'duplicate option ids',
      (json) => {
        json.dimensions[0]!.options[1]!.id = 'comic-book';
      },
      'dimensions[0].options[1].id: "comic-book" is ambiguous with option 0 ("comic-book")',
    ],
    [
      'a label that reads like another option id',
      (json) => {
        json.dimensions[0]!.options[2]!.label = 'Water Color';
      },
      'dimensions[0].options[2].label: "Water Color" is ambiguous with option 1 ("watercolor")',
    ],
    [
      'a description over the Discord limit (zod)',
      (json) => {
        json.dimensions[1]!.options[0]!.description = 'x'.repeat(101);
      },
      'dimensions[1].options[0].description:',
    ],
    [
      'a malformed id (zod)',
      (json) => {
        json.dimensions[2]!.options[0]!.id = 'No Prop';
      },
      'dimensions[2].options[0].id: ids are lowercase letters, digits and dashes',
    ],
  ])('rejects %s, naming the file and the path', async (_, edit, expected) => {
    const error = await loadError(edit);
    expect(error.problems.join('\n')).toContain(expected);
  });

  it('rejects more options than a chat select menu holds', async () => {
    const error = await loadError((json) => {
      const many = Array.from({ length: 26 }, (_, i) => ({
        ...json.dimensions[0]!.options[0]!,
        id: `s${i}`,
        label: `S ${i}`,
      }));
      json.dimensions[0]!.options = many;
      json.defaults.style = 's0';
    });
    expect(error.problems).toContain('dimensions[0].options: 26 options; chat select menus hold at most 25');
  });

  it('reports every problem of a file at once', async () => {
    const error = await loadError((json) => {
      json.defaults.pose = 'dancing';
      json.rules[0]!.forbid = { prop: ['lantern'] };
    });
    expect(error.problems).toHaveLength(2);
  });

  it('names the file of invalid JSON', async () => {
    const dir = await writeDir({ 'bad.json': '{ "id": ' });
    await expect(loadCatalogs(dir)).rejects.toThrow(
      `Invalid catalog ${join(dir, 'bad.json')}:\n  - not valid JSON`,
    );
  });

  it('rejects two files with the same catalog id', async () => {
    const dir = await writeDir({ 'a.json': testCatalogJson(), 'b.json': testCatalogJson() });
    await expect(loadCatalogs(dir)).rejects.toThrow(
      `id: "test-kit" is already used by ${join(dir, 'a.json')}`,
    );
  });

  it('rejects a folder without catalogs', async () => {
    const dir = await writeDir({ 'readme.md': '# nothing' });
    await expect(loadCatalogs(dir)).rejects.toThrow(/No catalog files/);
  });
});
