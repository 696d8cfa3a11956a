import { describe, expect, it } from 'vitest';
import { toFalInput, toProviderResult } from '../../../../src/infra/fal/fal-output.js';

const job = { requestId: 'r1', model: 'fal-ai/flux/schnell' };

describe('toFalInput', () => {
  it('sends the size as image_size and the negative prompt only when there is one', () => {
    const base = { prompt: 'p', negativePrompt: '', seed: 9, width: 768, height: 1344 };
    expect(toFalInput(base)).toEqual({
      prompt: 'p',
      image_size: { width: 768, height: 1344 },
      seed: 9,
      num_images: 1,
      enable_safety_checker: true,
    });
    expect(toFalInput({ ...base, negativePrompt: 'blurry' }).negative_prompt).toBe('blurry');
  });

  it('turns the safety checker off only when asked (jobs that may post NSFW images)', () => {
    const base = { prompt: 'p', negativePrompt: '', seed: 9, width: 768, height: 1344 };
    expect(toFalInput({ ...base, safetyChecker: false }).enable_safety_checker).toBe(false);
    expect(toFalInput({ ...base, safetyChecker: true }).enable_safety_checker).toBe(true);
  });
});

describe('toProviderResult', () => {
  it('maps images, seed, nsfw flags and inference time', () => {
    const result = toProviderResult(job, {
      images: [
        { url: 'https://x/a.jpg', width: 1024, height: 768, content_type: 'image/jpeg' },
        { url: 'https://x/b.jpg', width: 1024, height: 768 },
      ],
      seed: 42,
      has_nsfw_concepts: [false, true],
      timings: { inference: 0.35 },
    });
    expect(result).toEqual({
      requestId: 'r1',
      model: 'fal-ai/flux/schnell',
      seed: 42,
      images: [
        { url: 'https://x/a.jpg', width: 1024, height: 768, contentType: 'image/jpeg' },
        { url: 'https://x/b.jpg', width: 1024, height: 768, contentType: 'image/jpeg' },
      ],
      nsfw: [false, true],
      inferenceMs: 350,
    });
  });

  it('falls back to the status metrics and defaults missing flags to false', () => {
    const result = toProviderResult(job, { images: [{ url: 'u' }], seed: 1 }, 1.2);
    expect(result.nsfw).toEqual([false]);
    expect(result.inferenceMs).toBe(1200);
  });

  it('rejects a result without images as retryable', () => {
    expect(() => toProviderResult(job, { images: [] })).toThrow(
      expect.objectContaining({ errorClass: 'retryable' }),
    );
  });
});
