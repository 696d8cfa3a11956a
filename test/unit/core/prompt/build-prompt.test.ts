import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../../src/core/prompt/build-prompt.js';
import { describeParams } from '../../../../src/core/prompt/describe-params.js';
import { thrownUserError } from '../../../helpers/user-error.js';
import { testCatalog } from './test-catalog.js';

const catalog = testCatalog();

describe('buildPrompt: options', () => {
  it('fills defaults for missing dimensions, keys in catalog order', () => {
    const built = buildPrompt(catalog, { catalogId: 'test-kit', options: { prop: 'torch' } });
    expect(Object.entries(built.options)).toEqual([
      ['style', 'comic-book'],
      ['pose', 'standing'],
      ['prop', 'torch'],
      ['frame', 'free'],
    ]);
    expect(built.catalogId).toBe('test-kit');
  });

  it.each(['comic-book', 'Comic Book', 'COMIC-BOOK', 'comic_book', '  comic   book ', 'ComicBook'])(
    'resolves %j to the option id',
    (value) => {
      expect(buildPrompt(catalog, { options: { Style: value } }).options.style).toBe('comic-book');
    },
  );

  it('treats a blank value as not given', () => {
    expect(buildPrompt(catalog, { options: { style: '  ', pose: '' } }).options).toMatchObject({
      style: 'comic-book',
      pose: 'standing',
    });
  });

  it('refuses the same dimension given twice with different values', () => {
    const error = thrownUserError(() =>
      buildPrompt(catalog, { options: { style: 'watercolor', Style: 'pixel art' } }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Style was given twice');
  });

  it('names the allowed options and a suggestion for an unknown option', () => {
    const error = thrownUserError(() => buildPrompt(catalog, { options: { style: 'comci' } }));
    expect(error.code).toBe('unknown_option');
    expect(error.message).toBe(
      'Unknown style "comci". Did you mean "comic-book"? Allowed: comic-book, watercolor, pixel-art.',
    );
    expect(error.details).toEqual({
      allowed: ['comic-book', 'watercolor', 'pixel-art'],
      suggestion: 'comic-book',
      field: 'style',
    });
  });

  it('suggests nothing for a value far from every option', () => {
    const error = thrownUserError(() => buildPrompt(catalog, { options: { pose: 'backflip' } }));
    expect(error.message).not.toContain('Did you mean');
    expect(error.details.suggestion).toBeUndefined();
    expect(error.details.field).toBe('pose');
  });

  it('names the dimensions for an unknown dimension', () => {
    const error = thrownUserError(() => buildPrompt(catalog, { options: { colour: 'red' } }));
    expect(error.code).toBe('unknown_dimension');
    expect(error.message).toContain('Allowed: style, pose, prop, frame.');
    expect(error.details.allowed).toEqual(['style', 'pose', 'prop', 'frame']);
  });
});

describe('buildPrompt: compatibility', () => {
  it('rejects a rule violation naming the pair, the reason and what is allowed instead', () => {
    const error = thrownUserError(() =>
      buildPrompt(catalog, { options: { pose: 'jumping', prop: 'Clay Mug' } }),
    );
    expect(error.code).toBe('incompatible');
    expect(error.message).toBe(
      'Pose "Jumping" can\'t be combined with prop "Clay Mug": Jumping would spill the mug. ' +
        'With that choice you can use prop No Prop, Torch.',
    );
    expect(error.details).toEqual({ allowed: ['none', 'torch'], field: 'prop' });
  });

  it("rejects a value outside a frame's allow list, naming the frame and the allowed values", () => {
    const error = thrownUserError(() =>
      buildPrompt(catalog, { options: { frame: 'intro', pose: 'sitting' } }),
    );
    expect(error.code).toBe('frame_violation');
    expect(error.message).toBe('Frame "Intro" only allows pose Waving Hello, Standing; you chose "Sitting".');
    expect(error.details).toEqual({ allowed: ['waving', 'standing'], field: 'pose' });
  });

  it('picks a missing value the frame allows instead of a default it would refuse', () => {
    const built = buildPrompt(catalog, { options: { frame: 'campfire' } });
    expect(built.options).toMatchObject({ pose: 'sitting', prop: 'none' });
  });

  it('never lets a default break an explicit, valid choice', () => {
    // Default pose "standing" is not allowed by finale; "jumping" is, but forbids the mug: "waving" fits both.
    const built = buildPrompt(catalog, { options: { frame: 'finale', prop: 'mug' } });
    expect(built.options.pose).toBe('waving');
  });
});

describe('buildPrompt: extra text', () => {
  it('normalizes unicode, control characters and whitespace', () => {
    const built = buildPrompt(catalog, { options: {}, extra: ' \u202Eｒｅｄ\u0000\u200B  \n\that\u0007 ' });
    expect(built.extra).toBe('red hat');
    expect(built.prompt).toContain('Prop: no prop prompt. red hat. Scene:');
  });

  it('keeps template-looking text literal instead of expanding it', () => {
    const built = buildPrompt(catalog, { options: {}, extra: '{character} {style} {extra}' });
    expect(built.prompt).toContain('{character} {style} {extra}');
    expect(built.prompt.match(/CHARACTER TEMPLATE/g)).toHaveLength(1);
  });

  it("inserts replacement-pattern text ($` $' $& $$ $1) literally", () => {
    const extra = "$` $' $& $$ $1 $<x>";
    const built = buildPrompt(catalog, { options: {}, extra });
    expect(built.prompt).toContain(`Prop: no prop prompt. ${extra}. Scene:`);
    expect(built.prompt.match(/CHARACTER TEMPLATE/g)).toHaveLength(1);
    const plain = buildPrompt(catalog, { options: {}, extra: 'x'.repeat(extra.length) });
    expect(built.prompt).toHaveLength(plain.prompt.length);
  });

  it('counts characters as people do and reports the limit and the length', () => {
    expect(buildPrompt(catalog, { options: {}, extra: '🚀'.repeat(40) }).extra).toHaveLength(80);
    const error = thrownUserError(() => buildPrompt(catalog, { options: {}, extra: 'a'.repeat(41) }));
    expect(error.code).toBe('text_too_long');
    expect(error.message).toContain('40 characters');
    expect(error.message).toContain('41');
  });

  it('blocks listed words without echoing the list', () => {
    const error = thrownUserError(() => buildPrompt(catalog, { options: {}, extra: 'a g0re scene' }));
    expect(error.code).toBe('text_blocked');
    expect(error.message).not.toMatch(/gore|nude|self harm/i);
  });
});

describe('buildPrompt: output', () => {
  it('fills the layout in order with frame positioning and lighting and no stray separators', () => {
    const { prompt, negativePrompt } = buildPrompt(catalog, { options: { frame: 'intro', pose: 'waving' } });
    expect(prompt).toBe(
      'comic book prompt. CHARACTER TEMPLATE. Pose: waving hello prompt. Prop: no prop prompt. ' +
        'Scene: intro prompt; intro positioning. Light: intro lighting. ENVIRONMENT TEMPLATE. ' +
        'SAFEGUARDS TEMPLATE. TECH TEMPLATE.',
    );
    expect(negativePrompt).toBe('blurry, extra limbs');
  });

  it('leaves no double spaces or dangling separators when parts are empty', () => {
    const sparse = testCatalog((json) => {
      json.templates.bodySafeguards = '';
      json.templates.layout =
        '{extra}, {style}, {bodySafeguards}, . {pose}; {prop}. {extra} {frame}, {extra},';
    });
    expect(buildPrompt(sparse, { options: {} }).prompt).toBe(
      'comic book prompt. standing prompt; no prop prompt. free shot prompt',
    );
  });

  it('sizes images by aspect in multiples of 64', () => {
    const sizes = (['square', 'portrait', 'landscape', 'wide'] as const).map((aspect) => {
      const { width, height } = buildPrompt(catalog, { options: {}, aspect });
      return [aspect, width, height];
    });
    expect(sizes).toEqual([
      ['square', 1024, 1024],
      ['portrait', 768, 1024],
      ['landscape', 1024, 768],
      ['wide', 1024, 576],
    ]);
    expect(buildPrompt(catalog, { options: {} }).aspect).toBe('square');
  });

  it('keeps sizes within 256..2048 for extreme base sizes', () => {
    const small = testCatalog((json) => {
      json.image = { width: 300, height: 256 };
    });
    expect(buildPrompt(small, { options: {}, aspect: 'wide' })).toMatchObject({ width: 320, height: 256 });
    const large = testCatalog((json) => {
      json.image = { width: 2048, height: 2000 };
    });
    expect(buildPrompt(large, { options: {}, aspect: 'portrait' })).toMatchObject({
      width: 1536,
      height: 1984,
    });
  });

  it('rejects an unknown aspect with a suggestion', () => {
    const error = thrownUserError(() =>
      buildPrompt(catalog, { options: {}, aspect: 'portriat' as 'portrait' }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details).toMatchObject({ field: 'aspect', suggestion: 'portrait' });
  });
});

describe('buildPrompt: determinism and hash', () => {
  const base = buildPrompt(catalog, { options: { style: 'watercolor', pose: 'waving' }, extra: 'red hat' });

  it('is the sha256 of the canonical params', () => {
    const canonical = JSON.stringify({
      catalogId: 'test-kit',
      version: 3,
      options: Object.entries(base.options),
      extra: 'red hat',
      aspect: 'square',
    });
    expect(base.hash).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('gives the same result for equivalent input', () => {
    const equivalent = buildPrompt(catalog, {
      options: { frame: 'Free Shot', Pose: 'Waving Hello', prop: 'none', style: 'WATERCOLOR' },
      extra: '  red \n hat ',
      aspect: 'square',
    });
    expect(equivalent).toEqual(base);
  });

  it('changes the hash when anything meaningful changes', () => {
    const variants = [
      buildPrompt(catalog, { options: { style: 'watercolor', pose: 'waving' }, extra: 'blue hat' }),
      buildPrompt(catalog, {
        options: { style: 'watercolor', pose: 'waving' },
        extra: 'red hat',
        aspect: 'wide',
      }),
      buildPrompt(catalog, { options: { style: 'pixel-art', pose: 'waving' }, extra: 'red hat' }),
      buildPrompt(
        testCatalog((json) => {
          json.version = 4;
        }),
        { options: { style: 'watercolor', pose: 'waving' }, extra: 'red hat' },
      ),
    ];
    const hashes = new Set([base.hash, ...variants.map((v) => v.hash)]);
    expect(hashes.size).toBe(5);
  });
});

describe('describeParams', () => {
  it('gives display labels in catalog order and keeps unknown ids visible', () => {
    expect(describeParams(catalog, { prop: 'torch', style: 'pixel-art', frame: 'retired-frame' })).toEqual([
      { dimension: 'Style', option: 'Pixel Art' },
      { dimension: 'Prop', option: 'Torch' },
      { dimension: 'Frame', option: 'retired-frame' },
    ]);
  });
});
