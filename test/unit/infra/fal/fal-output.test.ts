import { describe, expect, it } from 'vitest';
import { toProviderResult } from '../../../../src/infra/fal/fal-output.js';

const job = { requestId: 'r1', model: 'fal-ai/flux/schnell' };

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

  it('reports no seed when the model returns none (Recraft V3: images only), never 0', () => {
    const recraft = { requestId: 'r2', model: 'fal-ai/recraft/v3/text-to-image' };
    const result = toProviderResult(recraft, {
      images: [{ url: 'https://x/r.webp', content_type: 'image/webp', file_name: 'r.webp', file_size: 9 }],
    });
    expect(result.seed).toBeUndefined();
    expect(result.images).toEqual([
      { url: 'https://x/r.webp', width: 0, height: 0, contentType: 'image/webp' },
    ]);
  });

  it('rejects a result without images as retryable', () => {
    expect(() => toProviderResult(job, { images: [] })).toThrow(
      expect.objectContaining({ errorClass: 'retryable' }),
    );
  });
});
