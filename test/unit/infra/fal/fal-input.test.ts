import { describe, expect, it } from 'vitest';
import { modelProfileSchema } from '../../../../src/core/generation/model-profile.js';
import type { ProviderInput } from '../../../../src/core/ports.js';
import { missingFields, toFalInput } from '../../../../src/infra/fal/fal-input.js';
import { findProfile, SHIPPED_PROFILES } from '../../../../src/infra/fal/profiles/index.js';

const input: ProviderInput = {
  prompt: 'a fox',
  negativePrompt: 'blurry, watermark',
  seed: 9,
  width: 1024,
  height: 768,
};
const profile = (endpoint: string) => {
  const found = findProfile(endpoint);
  if (!found) throw new Error(`no profile for ${endpoint}`);
  return found;
};
const body = (endpoint: string, extra: Partial<ProviderInput> = {}) =>
  toFalInput(profile(endpoint), { ...input, ...extra });

describe('shipped model profiles', () => {
  it.each(SHIPPED_PROFILES.map((p) => [p.endpoint, p] as const))(
    '%s: valid, and its body holds only declared fields with every required one but a reference',
    (_endpoint, p) => {
      expect(() => modelProfileSchema.parse(p)).not.toThrow();
      const sent = toFalInput(p, { ...input, safetyChecker: false });
      expect(Object.keys(sent).filter((k) => !p.fields.includes(k))).toEqual([]);
      expect(missingFields(p, sent)).toEqual(p.required.filter((f) => f === p.takes.reference));
    },
  );

  it('name each endpoint once', () => {
    const ids = SHIPPED_PROFILES.map((p) => p.endpoint);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('toFalInput', () => {
  it('FLUX schnell: size as image_size, no negative prompt (FLUX has no such field)', () => {
    expect(body('fal-ai/flux/schnell')).toEqual({
      prompt: 'a fox',
      image_size: { width: 1024, height: 768 },
      seed: 9,
      num_images: 1,
      enable_safety_checker: true,
    });
    expect(body('fal-ai/flux/schnell', { safetyChecker: false }).enable_safety_checker).toBe(false);
  });

  it('FLUX1.1 [pro]: safety_tolerance instead of enable_safety_checker', () => {
    const sent = body('fal-ai/flux-pro/v1.1');
    expect(sent).toMatchObject({ safety_tolerance: '2', image_size: { width: 1024, height: 768 }, seed: 9 });
    expect(sent).not.toHaveProperty('enable_safety_checker');
    expect(body('fal-ai/flux-pro/v1.1', { safetyChecker: false }).safety_tolerance).toBe('5');
  });

  it('ultra and Kontext: the nearest aspect_ratio, no image_size', () => {
    const ratio = (width: number, height: number) =>
      body('fal-ai/flux-pro/v1.1-ultra', { width, height }).aspect_ratio;
    expect([ratio(1024, 1024), ratio(768, 1024), ratio(1024, 768), ratio(1024, 576)]).toEqual([
      '1:1',
      '3:4',
      '4:3',
      '16:9',
    ]);
    expect(body('fal-ai/flux-pro/kontext/text-to-image')).not.toHaveProperty('image_size');
  });

  it('Kontext edits need image_url: without a reference the body is not complete', () => {
    const kontext = profile('fal-ai/flux-pro/kontext');
    expect(missingFields(kontext, body('fal-ai/flux-pro/kontext'))).toEqual(['image_url']);
    const withReference = body('fal-ai/flux-pro/kontext', { referenceImageUrls: ['https://cdn/ref.png'] });
    expect(withReference.image_url).toBe('https://cdn/ref.png');
    expect(missingFields(kontext, withReference)).toEqual([]);
  });

  it('Recraft V3: a size preset, no seed and no num_images', () => {
    expect(body('fal-ai/recraft/v3/text-to-image')).toEqual({
      prompt: 'a fox',
      image_size: 'landscape_4_3',
      enable_safety_checker: true,
    });
    expect(body('fal-ai/recraft/v3/text-to-image', { width: 1024, height: 1024 }).image_size).toBe(
      'square_hd',
    );
    expect(body('fal-ai/recraft/v3/text-to-image', { width: 1024, height: 576 }).image_size).toBe(
      'landscape_16_9',
    );
  });

  it('negative prompts go to the native field (Ideogram) or NAG (flux-general) only', () => {
    expect(body('fal-ai/ideogram/v3')).toEqual({
      prompt: 'a fox',
      negative_prompt: 'blurry, watermark',
      image_size: 'landscape_4_3',
      seed: 9,
      num_images: 1,
      expand_prompt: false,
    });
    expect(body('fal-ai/flux-general').negative_prompt).toBe('blurry, watermark');
    expect(body('fal-ai/flux-general', { negativePrompt: '' })).not.toHaveProperty('negative_prompt');
  });
});
