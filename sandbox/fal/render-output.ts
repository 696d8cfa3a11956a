import { randomUUID } from 'node:crypto';
import type { ActionRenderFn } from '../placeholder/render-action.js';
import type { ModelKnobs } from './knobs.js';
import { encodeMedia } from './media-format.js';
import type { MediaStore } from './media-store.js';
import type { PromptReading } from './prompt-window.js';
import type { SimJob } from './queue-sim.js';

/**
 * A result in the endpoint's own shape (fal-js types): FLUX's unoOutput / FluxProV11Output carry images with
 * sizes, the seed, has_nsfw_concepts, the prompt and timings; Ideogram's GenerateOutput images (File: url,
 * content_type, file_name, file_size) and the seed; Recraft V3's V16Output images only — no seed.
 */
export type FalImageOutput =
  | {
      images: { url: string; width: number; height: number; content_type: string }[];
      timings: { inference: number };
      seed: number;
      has_nsfw_concepts: boolean[];
      prompt: string;
    }
  | { images: FileOutput[]; seed: number; timings?: undefined }
  | { images: FileOutput[]; timings?: undefined }
  | { image: FileOutput & { width: number; height: number }; seed: number; timings: { inference: number } };

interface FileOutput {
  url: string;
  content_type: string;
  file_name: string;
  file_size: number;
}

export type RenderFn = (spec: {
  prompt: string;
  seed: number;
  width: number;
  height: number;
  label?: string;
  /** What the model reads of the prompt; the placeholder prints it so a cut is visible. */
  reading?: PromptReading;
}) => Promise<{
  png: Buffer;
  width: number;
  height: number;
}>;

export interface RenderDeps {
  render: RenderFn;
  /** Results made from an input image (image-to-image, variations, edits, upscales). */
  renderAction: ActionRenderFn;
  media: MediaStore;
  mediaUrl: (id: string) => string;
  onRenderError: (error: unknown) => void;
}

/** Renders a job's placeholder images into the media store; undefined when rendering failed. */
export async function renderJobOutput(
  job: SimJob,
  nsfw: boolean,
  media: Pick<ModelKnobs, 'mediaFormat' | 'mediaContentType'>,
  deps: RenderDeps,
): Promise<FalImageOutput | undefined> {
  const { input } = job;
  try {
    const rendered: { mediaId: string; width: number; height: number; size: number; contentType: string }[] =
      [];
    const label = nsfw ? { label: 'NSFW · blocked by the safety checker' } : {};
    const source = job.sources[0];
    for (let i = 0; i < input.numImages; i++) {
      const img =
        input.action === 'generate' || !source
          ? await deps.render({
              prompt: input.prompt,
              seed: job.seed + i,
              width: input.width,
              height: input.height,
              reading: job.prompt,
              ...label,
            })
          : await deps.renderAction({
              action: input.action,
              source: source.body,
              width: input.width,
              height: input.height,
              prompt: input.prompt,
              seed: job.seed + i,
              ...(input.upscaleFactor === undefined ? {} : { factor: input.upscaleFactor }),
              ...(input.strength === undefined ? {} : { strength: input.strength }),
              ...label,
            });
      const mediaId = randomUUID();
      const encoded = await encodeMedia(img.png, img, media.mediaFormat, media.mediaContentType);
      deps.media.put(mediaId, encoded.body, encoded.contentType);
      rendered.push({
        mediaId,
        width: img.width,
        height: img.height,
        size: encoded.body.length,
        contentType: encoded.contentType,
      });
    }
    if (job.outputShape === 'flux')
      return {
        images: rendered.map((r) => ({
          url: deps.mediaUrl(r.mediaId),
          width: r.width,
          height: r.height,
          content_type: r.contentType,
        })),
        timings: { inference: 0 },
        seed: job.seed,
        has_nsfw_concepts: rendered.map(() => nsfw),
        prompt: input.prompt,
      };
    const images = rendered.map((r) => ({
      url: deps.mediaUrl(r.mediaId),
      content_type: r.contentType,
      file_name: `${r.mediaId}.${r.contentType.split('/')[1]?.split('+')[0] ?? 'png'}`,
      file_size: r.size,
    }));
    const [first] = rendered;
    if (job.outputShape === 'image-with-seed' && images[0] && first)
      return {
        image: { ...images[0], width: first.width, height: first.height },
        seed: job.seed,
        timings: { inference: 0 },
      };
    return job.outputShape === 'files-with-seed' ? { images, seed: job.seed } : { images };
  } catch (error) {
    deps.onRenderError(error);
    return undefined;
  }
}
