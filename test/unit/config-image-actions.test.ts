import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { findProfile } from '../../src/infra/fal/profiles/index.js';
import { problemsOf } from '../helpers/config-problems.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-actions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('image-action settings', () => {
  it('defaults: Kontext edits, the clarity upscaler, FLUX [dev] image-to-image, one image, fal REST host', () => {
    const config = parseConfig({});
    expect(Object.fromEntries(Object.entries(config.fal.actions).map(([k, p]) => [k, p.endpoint]))).toEqual({
      edit: 'fal-ai/flux-pro/kontext',
      upscale: 'fal-ai/clarity-upscaler',
      variation: 'fal-ai/flux/dev/image-to-image',
    });
    expect(config.defaultCount).toBe(1);
    expect(config.fal.restUrl).toBe('https://rest.fal.ai');
  });

  it('takes another model of the matching action, and the emulator as FAL_REST_URL', () => {
    const config = parseConfig({
      FAL_EDIT_MODEL: 'fal-ai/flux-pro/kontext/max',
      FAL_VARIATION_MODEL: 'fal-ai/flux-pro/v1.1/redux',
      DEFAULT_COUNT: '4',
      FAL_REST_URL: 'http://127.0.0.1:4010/',
    });
    expect(config.fal.actions.edit.endpoint).toBe('fal-ai/flux-pro/kontext/max');
    expect(config.fal.actions.variation.endpoint).toBe('fal-ai/flux-pro/v1.1/redux');
    expect(config.defaultCount).toBe(4);
    expect(config.fal.restUrl).toBe('http://127.0.0.1:4010');
  });

  it('refuses a model whose action does not match, or one without a profile, listing the models that fit', () => {
    const problems = problemsOf({
      FAL_EDIT_MODEL: 'fal-ai/clarity-upscaler',
      FAL_UPSCALE_MODEL: 'fal-ai/flux/schnell',
      FAL_VARIATION_MODEL: 'fal-ai/esrgan',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^FAL_EDIT_MODEL: fal-ai\/clarity-upscaler is an upscale model, not one for edits; edit models: fal-ai\/flux-pro\/kontext, /,
      ),
      expect.stringMatching(
        /^FAL_UPSCALE_MODEL: fal-ai\/flux\/schnell is a text-to-image model, not one for upscales; upscale models: fal-ai\/clarity-upscaler$/,
      ),
      expect.stringMatching(
        /^FAL_VARIATION_MODEL: fal-ai\/esrgan has no model profile; variation models: .*fal-ai\/flux\/dev\/redux/,
      ),
    ]);
  });

  it('refuses an image-only model as FAL_MODEL or fallback (Kontext edits stay a start-up question)', () => {
    expect(
      problemsOf({ FAL_MODEL: 'fal-ai/clarity-upscaler', FAL_FALLBACK_MODELS: 'fal-ai/flux/dev/redux' }),
    ).toEqual([
      'FAL_MODEL: fal-ai/clarity-upscaler is an upscale model: it needs an image to start from, so it cannot make images from text (set it as FAL_UPSCALE_MODEL)',
      'FAL_FALLBACK_MODELS: fal-ai/flux/dev/redux is a variation model: it needs an image to start from, so it cannot make images from text (set it as FAL_VARIATION_MODEL)',
    ]);
    expect(problemsOf({ FAL_MODEL: 'fal-ai/flux-pro/kontext' })).toEqual([]);
  });

  it('refuses DEFAULT_COUNT outside 1–4 and a FAL_REST_URL that is not a URL', () => {
    for (const value of ['0', '5', 'two', '1.5'])
      expect(problemsOf({ DEFAULT_COUNT: value })).toEqual([
        'DEFAULT_COUNT: expected a whole number from 1 to 4',
      ]);
    expect(problemsOf({ FAL_REST_URL: 'rest.fal.ai' })).toEqual([
      'FAL_REST_URL: expected an http(s) URL such as https://rest.fal.ai',
    ]);
    expect(problemsOf({ FAL_UPSCALE_MODEL: 'clarity' })).toEqual([
      'FAL_UPSCALE_MODEL: expected an endpoint id such as fal-ai/clarity-upscaler',
    ]);
  });

  it('takes an operator profile for an action, checked for what its action needs', async () => {
    const house = {
      ...findProfile('fal-ai/clarity-upscaler')!,
      endpoint: 'acme/house-upscaler',
      label: 'ACME upscaler',
      source: 'our own deployment',
    };
    const good = join(dir, 'upscaler.json');
    await writeFile(good, JSON.stringify(house));
    const config = parseConfig({ FAL_MODEL_PROFILE: good, FAL_UPSCALE_MODEL: 'acme/house-upscaler' });
    expect(config.fal.actions.upscale.label).toBe('ACME upscaler');

    const { upscale: _, ...noFactor } = house;
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...noFactor, prompt: { field: 'prompt', required: true } }));
    const problems = problemsOf({ FAL_MODEL_PROFILE: bad, FAL_UPSCALE_MODEL: 'acme/house-upscaler' });
    expect(problems).toEqual([
      expect.stringMatching(/bad\.json: required: prompt must be required$/),
      expect.stringMatching(/bad\.json: upscale: an upscale model needs upscale$/),
      expect.stringMatching(/^FAL_UPSCALE_MODEL: acme\/house-upscaler has no model profile/),
    ]);
  });
});
