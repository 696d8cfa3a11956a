import { ProviderError } from '../errors.js';
import type { ImageProcessor } from '../ports.js';

/** Formats stored and served as they came, by the type their decoded bytes really are. */
const KEPT: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/**
 * Raster formats re-encoded as PNG (lossless; Slack's image blocks do not show AVIF or TIFF). Anything
 * else — SVG above all, which can carry script, or bytes that do not decode — is refused.
 */
const CONVERTED = new Set(['gif', 'avif', 'heif', 'tiff', 'jp2', 'jxl']);

export interface AcceptedImage {
  body: Buffer;
  /** From the decoded format, never from what the provider's response claimed. */
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

/** The provider sent something that is not an image we store; retrying the same result will not change it. */
const unsupported = (what: string, cause?: unknown) =>
  new ProviderError('fatal', `the image service sent ${what}, not a PNG, JPEG or WebP image`, {
    code: 'unsupported_media',
    cause,
  });

/**
 * Decides what of a downloaded result is stored: the type comes from the decoded bytes (the provider's
 * content type is only a claim, and /media serves the stored type back on our own origin).
 */
export async function acceptImage(images: ImageProcessor, downloaded: Buffer): Promise<AcceptedImage> {
  let probe: Awaited<ReturnType<ImageProcessor['probe']>>;
  try {
    probe = await images.probe(downloaded);
  } catch (error) {
    throw unsupported('a file that does not decode as an image', error);
  }
  const { width, height } = probe;
  const kept = KEPT[probe.format];
  if (kept !== undefined) {
    return { body: downloaded, contentType: kept as AcceptedImage['contentType'], width, height };
  }
  if (!CONVERTED.has(probe.format)) throw unsupported(`a ${probe.format.toUpperCase()} file`);
  return { body: await images.toPng(downloaded), contentType: 'image/png', width, height };
}
