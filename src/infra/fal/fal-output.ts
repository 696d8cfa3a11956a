import { ProviderError } from '../../core/errors.js';
import type { ProviderImage, ProviderInput, ProviderJob, ProviderResult } from '../../core/ports.js';

/** What text-to-image endpoints such as fal-ai/flux/schnell return. */
interface FalImageOutput {
  images?: { url?: unknown; width?: unknown; height?: unknown; content_type?: unknown }[];
  seed?: unknown;
  has_nsfw_concepts?: unknown;
  timings?: { inference?: unknown };
}

/** The request body for a text-to-image endpoint. */
export function toFalInput(input: ProviderInput): Record<string, unknown> {
  return {
    prompt: input.prompt,
    ...(input.negativePrompt ? { negative_prompt: input.negativePrompt } : {}),
    image_size: { width: input.width, height: input.height },
    seed: input.seed,
    num_images: 1,
    // fal documents that flagged images come back black while the checker is on: a job allowed to post
    // NSFW images (an NSFW channel under NSFW_POLICY=nsfw-channels) asks for it off. fal honours that only
    // for accounts it has authorized; other accounts stay checked, and a flagged image then arrives black.
    // With the checker off, has_nsfw_concepts may not flag anything: such an image is posted as any other.
    enable_safety_checker: input.safetyChecker !== false,
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function toProviderResult(
  job: ProviderJob,
  data: unknown,
  statusInferenceSec?: number,
): ProviderResult {
  const out = (data ?? {}) as FalImageOutput;
  const images: ProviderImage[] = [];
  for (const image of Array.isArray(out.images) ? out.images : []) {
    if (typeof image?.url !== 'string') continue;
    images.push({
      url: image.url,
      // 0 means "not reported": the caller probes the downloaded bytes.
      width: num(image.width) ?? 0,
      height: num(image.height) ?? 0,
      contentType: typeof image.content_type === 'string' ? image.content_type : 'image/jpeg',
    });
  }
  if (images.length === 0) {
    throw new ProviderError('retryable', 'fal returned a result without images', { code: 'bad_output' });
  }
  const flags = Array.isArray(out.has_nsfw_concepts) ? out.has_nsfw_concepts : [];
  const inferenceSec = num(out.timings?.inference) ?? statusInferenceSec;
  return {
    requestId: job.requestId,
    model: job.model,
    seed: num(out.seed) ?? 0,
    images,
    nsfw: images.map((_, i) => flags[i] === true),
    ...(inferenceSec === undefined ? {} : { inferenceMs: Math.round(inferenceSec * 1000) }),
  };
}
