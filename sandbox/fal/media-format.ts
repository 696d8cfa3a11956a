import sharp from 'sharp';

/**
 * What the emulated media URLs serve. fal's output `images[]` entries carry a `content_type` of their
 * own (fal-js libs/client/src/types/endpoints.ts, `Image`), so a client must not assume PNG; `svg`
 * stands for a provider (or a path to it) that sends active content under an image type.
 */
export const MEDIA_FORMATS = ['png', 'jpeg', 'webp', 'gif', 'avif', 'tiff', 'svg'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

const TYPES: Record<MediaFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/** An SVG that runs (harmless) script when a browser opens it as a document: a stored-XSS attempt's shape. */
const hostileSvg = (width: number, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
  `<script>document.title='xss on '+document.domain</script>` +
  `<rect width="100%" height="100%" fill="#c8843a"/></svg>`;

/** Re-encodes a rendered PNG as `format`; the content type is the format's own unless `claimed` is given. */
export async function encodeMedia(
  png: Buffer,
  size: { width: number; height: number },
  format: MediaFormat,
  claimed: string,
): Promise<{ body: Buffer; contentType: string }> {
  const contentType = claimed || TYPES[format];
  if (format === 'png') return { body: png, contentType };
  if (format === 'svg') return { body: Buffer.from(hostileSvg(size.width, size.height)), contentType };
  return { body: await sharp(png).toFormat(format).toBuffer(), contentType };
}
