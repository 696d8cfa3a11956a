import sharp from 'sharp';
import { buildPlaceholderSvg, placeholderSize, type Reading } from './placeholder-svg.js';

export interface PlaceholderSpec {
  prompt: string;
  seed: number;
  /** Size that was asked for; the render is scaled down to at most 512 px on the long side. */
  width: number;
  height: number;
  /** Text to print instead of the prompt's first words. */
  label?: string;
  /** What the model reads of the prompt: printed (with the cut, if any) instead of the prompt. */
  reading?: Reading;
}

export interface RenderedPlaceholder {
  png: Buffer;
  width: number;
  height: number;
}

/** Renders the sandbox's stand-in for a model output: designed to be unmistakably not a real render. */
export async function renderPlaceholderImage(spec: PlaceholderSpec): Promise<RenderedPlaceholder> {
  const size = placeholderSize(spec.width, spec.height);
  const svg = buildPlaceholderSvg({
    text: spec.label ?? spec.prompt,
    seed: spec.seed,
    width: size.width,
    height: size.height,
    requested: { width: spec.width, height: spec.height },
    ...(spec.reading && spec.label === undefined ? { reading: spec.reading } : {}),
  });
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
  return { png, width: size.width, height: size.height };
}

export async function renderPlaceholder(spec: PlaceholderSpec): Promise<Buffer> {
  return (await renderPlaceholderImage(spec)).png;
}
