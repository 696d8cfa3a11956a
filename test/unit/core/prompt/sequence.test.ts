import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import { buildSequence } from '../../../../src/core/prompt/sequence.js';
import { testCatalog } from './test-catalog.js';

const catalog = testCatalog();

describe('buildSequence', () => {
  it('builds one prompt per frame, in story order, sharing the character params', () => {
    const frames = buildSequence(catalog, {
      options: { style: 'Watercolor', pose: 'waving' },
      extra: 'red hat',
    });
    expect(frames.map((f) => f.options.frame)).toEqual(['intro', 'campfire', 'finale']);
    for (const frame of frames) {
      expect(frame.options.style).toBe('watercolor');
      expect(frame.extra).toBe('red hat');
      expect(frame.prompt).toContain(`${frame.options.frame} positioning`);
      expect(frame.prompt).toContain(`${frame.options.frame} lighting`);
    }
    expect(new Set(frames.map((f) => f.hash)).size).toBe(3);
  });

  it("adapts a shared choice a frame does not allow to the frame's first allowed value", () => {
    const frames = buildSequence(catalog, { options: { pose: 'waving', prop: 'torch' } });
    expect(frames.map((f) => [f.options.pose, f.options.prop])).toEqual([
      ['waving', 'torch'], // intro allows waving
      ['sitting', 'mug'], // campfire allows only sitting, and mug or none
      ['waving', 'torch'], // finale allows waving
    ]);
  });

  it('skips an allowed value that would break a rule with the other shared choices', () => {
    // Finale allows jumping first, but jumping forbids the mug: waving is the first that fits.
    const frames = buildSequence(catalog, { options: { pose: 'sitting', prop: 'mug' } });
    expect(frames.map((f) => f.options.pose)).toEqual(['waving', 'sitting', 'waving']);
  });

  it('ignores a frame given in the shared params', () => {
    const frames = buildSequence(catalog, { options: { frame: 'campfire' } });
    expect(frames.map((f) => f.options.frame)).toEqual(['intro', 'campfire', 'finale']);
  });

  it('still reports invalid shared params', () => {
    expect(() => buildSequence(catalog, { options: { style: 'comci' } })).toThrow(
      /Did you mean "comic-book"/,
    );
  });

  it('refuses a catalog without a sequence', () => {
    const flat = testCatalog((json) => {
      delete (json as { sequence?: unknown }).sequence;
    });
    let error: unknown;
    try {
      buildSequence(flat, { options: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('invalid_input');
    expect((error as UserError).message).toContain('no frame sequence');
  });
});
