import { randomUUID } from 'node:crypto';
import type { ModelKnobs } from './knobs.js';
import { encodeMedia } from './media-format.js';
import type { MediaStore } from './media-store.js';
import type { SimJob } from './queue-sim.js';

export interface FalImageOutput {
  images: { url: string; width: number; height: number; content_type: string }[];
  timings: { inference: number };
  seed: number;
  has_nsfw_concepts: boolean[];
  prompt: string;
}

export type RenderFn = (spec: {
  prompt: string;
  seed: number;
  width: number;
  height: number;
  label?: string;
}) => Promise<{
  png: Buffer;
  width: number;
  height: number;
}>;

export interface RenderDeps {
  render: RenderFn;
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
    const images: FalImageOutput['images'] = [];
    for (let i = 0; i < input.numImages; i++) {
      const label = nsfw ? 'NSFW · blocked by the safety checker' : input.label;
      const img = await deps.render({
        prompt: input.prompt,
        seed: job.seed + i,
        width: input.width,
        height: input.height,
        ...(label === undefined ? {} : { label }),
      });
      const mediaId = randomUUID();
      const encoded = await encodeMedia(img.png, img, media.mediaFormat, media.mediaContentType);
      deps.media.put(mediaId, encoded.body, encoded.contentType);
      images.push({
        url: deps.mediaUrl(mediaId),
        width: img.width,
        height: img.height,
        content_type: encoded.contentType,
      });
    }
    return {
      images,
      timings: { inference: 0 },
      seed: job.seed,
      has_nsfw_concepts: images.map(() => nsfw),
      prompt: input.prompt,
    };
  } catch (error) {
    deps.onRenderError(error);
    return undefined;
  }
}
