import { ProviderError } from '../../core/errors.js';
import type { ProviderImage, ProviderJob, ProviderResult } from '../../core/ports.js';

/**
 * What the image endpoints return, all shapes in one (fal-js types): FLUX's images carry width and
 * height, with seed and has_nsfw_concepts beside them; Ideogram's (File) carry neither, with a seed; Recraft
 * V3's (V16Output) have images only; the upscalers return one `image` (ClarityUpscalerOutput: image, seed).
 */
interface FalFile {
  url?: unknown;
  width?: unknown;
  height?: unknown;
  content_type?: unknown;
}
interface FalImageOutput {
  images?: FalFile[];
  image?: FalFile;
  seed?: unknown;
  has_nsfw_concepts?: unknown;
  timings?: { inference?: unknown };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function toProviderResult(
  job: ProviderJob,
  data: unknown,
  statusInferenceSec?: number,
): ProviderResult {
  const out = (data ?? {}) as FalImageOutput;
  const images: ProviderImage[] = [];
  const files = Array.isArray(out.images) ? out.images : out.image ? [out.image] : [];
  for (const image of files) {
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
    // No seed in the output (Recraft): unknown, never 0 — the caller keeps the seed it sent.
    seed: num(out.seed),
    images,
    nsfw: images.map((_, i) => flags[i] === true),
    ...(inferenceSec === undefined ? {} : { inferenceMs: Math.round(inferenceSec * 1000) }),
  };
}
