import { describe, expect, it } from 'vitest';
import { modelProfileSchema } from '../../../../src/core/generation/model-profile.js';
import type { ProviderInput } from '../../../../src/core/ports.js';
import { missingFields, toFalInput } from '../../../../src/infra/fal/fal-input.js';
import { toProviderResult } from '../../../../src/infra/fal/fal-output.js';
import { ACTION_PROFILES, findProfile, SHIPPED_PROFILES } from '../../../../src/infra/fal/profiles/index.js';

const base: ProviderInput = {
  prompt: 'the captain',
  negativePrompt: 'blurry',
  seed: 9,
  width: 1024,
  height: 768,
};
const body = (endpoint: string, extra: Partial<ProviderInput>) =>
  toFalInput(findProfile(endpoint)!, { ...base, ...extra });
const SRC = 'https://media.example/a.png';

describe('image-action profiles', () => {
  it.each(ACTION_PROFILES.map((p) => [p.endpoint, p] as const))('%s: valid', (_e, p) => {
    expect(() => modelProfileSchema.parse(p)).not.toThrow();
  });

  it('name each endpoint once across the text and action lists', () => {
    const ids = [...SHIPPED_PROFILES, ...ACTION_PROFILES].map((p) => p.endpoint);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('toFalInput for actions', () => {
  it('image-to-image: the source, our default strength, num_images up to 4, no size field', () => {
    expect(
      body('fal-ai/flux/dev/image-to-image', { action: 'variation', imageUrls: [SRC], count: 3 }),
    ).toEqual({
      prompt: 'the captain',
      image_url: SRC,
      strength: 0.7,
      num_images: 3,
      seed: 9,
      enable_safety_checker: true,
    });
    // Strength and count are kept within the endpoint's range.
    const clamped = body('fal-ai/flux/dev/image-to-image', { imageUrls: [SRC], strength: 3, count: 9 });
    expect(clamped).toMatchObject({ strength: 1, num_images: 4 });
  });

  it('Redux [dev] takes no prompt; Redux [pro] sends one only when there is one', () => {
    const dev = body('fal-ai/flux/dev/redux', { action: 'variation', imageUrls: [SRC] });
    expect(dev).not.toHaveProperty('prompt');
    expect(dev).toMatchObject({ image_url: SRC, image_size: { width: 1024, height: 768 }, num_images: 1 });
    expect(body('fal-ai/flux-pro/v1.1/redux', { imageUrls: [SRC], prompt: '' })).not.toHaveProperty('prompt');
  });

  it('an edit sends its instruction as the prompt and no size (the source ratio is kept)', () => {
    const sent = body('fal-ai/flux-pro/kontext', {
      action: 'edit',
      instruction: 'add a red scarf',
      imageUrls: [SRC],
    });
    expect(sent).toMatchObject({ prompt: 'add a red scarf', image_url: SRC });
    expect(sent).not.toHaveProperty('aspect_ratio');
    expect(missingFields(findProfile('fal-ai/flux-pro/kontext')!, sent)).toEqual([]);
    // Kontext multi takes the images as a list.
    expect(
      body('fal-ai/flux-pro/kontext/multi', { action: 'edit', imageUrls: [SRC, SRC] }).image_urls,
    ).toEqual([SRC, SRC]);
  });

  it('an upscale: the factor (default 2, at most 4), no num_images, no size; without a source it is incomplete', () => {
    expect(body('fal-ai/clarity-upscaler', { action: 'upscale', imageUrls: [SRC], prompt: '' })).toEqual({
      image_url: SRC,
      upscale_factor: 2,
      seed: 9,
      enable_safety_checker: true,
    });
    expect(body('fal-ai/clarity-upscaler', { imageUrls: [SRC], upscaleFactor: 8 }).upscale_factor).toBe(4);
    const noSource = body('fal-ai/clarity-upscaler', { action: 'upscale' });
    expect(missingFields(findProfile('fal-ai/clarity-upscaler')!, noSource)).toEqual(['image_url']);
  });

  it('count follows each text model: up to 4 on FLUX, 8 on Ideogram, never on Recraft', () => {
    expect(body('fal-ai/flux/schnell', { count: 3 }).num_images).toBe(3);
    expect(body('fal-ai/ideogram/v3', { count: 8 }).num_images).toBe(8);
    expect(body('fal-ai/recraft/v3/text-to-image', { count: 3 })).not.toHaveProperty('num_images');
  });
});

describe('toProviderResult', () => {
  it('reads a single `image` (ClarityUpscalerOutput) as one image', () => {
    const result = toProviderResult(
      { requestId: 'r1', model: 'fal-ai/clarity-upscaler' },
      { image: { url: 'https://x/up.png', width: 2048, height: 1536, content_type: 'image/png' }, seed: 7 },
    );
    expect(result.images).toEqual([
      { url: 'https://x/up.png', width: 2048, height: 1536, contentType: 'image/png' },
    ]);
    expect(result.seed).toBe(7);
  });
});
