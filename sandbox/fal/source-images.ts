import sharp from 'sharp';
import type { FieldError, ImageInput } from './validate-input.js';

/**
 * The input images an endpoint downloads before it runs (image_url / image_urls). The emulator only reaches
 * what it may: its own media and storage uploads (read in process), `data:` URIs (fal's model pages: "You can
 * pass a Base64 data URI as a file input"), and the origins it was told about (the bot's public media URL).
 * Anything else — the internet, a redirect, a file that is not an image — is refused with 422 in fal's shape
 * (fal.ai/docs/model-apis/errors: typed error objects with loc/msg/type; `file_download_error`,
 * `image_load_error`, `image_too_large`). fal reports these when the runner fetches the input; the emulator
 * checks at submit, as it does every other input error.
 */

export interface SourceImage {
  url: string;
  body: Buffer;
  width: number;
  height: number;
}

export interface SourceAccess {
  /** Bytes the emulator serves itself at this URL; undefined: not its URL; null: its URL, but nothing there. */
  own: (url: string) => Buffer | null | undefined;
  /** Other origins it may download from (e.g. http://127.0.0.1:8080, the bot's media). */
  origins: () => readonly string[];
}

/** Inputs larger than this are not downloaded (a guard for the sandbox, not a published fal limit). */
const MAX_BYTES = 25 * 1024 * 1024;
/** Decoding stops past this many pixels: a decompression bomb is refused, not rendered. */
const MAX_PIXELS = 4096 * 4096;
const FETCH_TIMEOUT_MS = 5000;
/** What fal's image models read (PNG, JPEG, WebP, GIF); an SVG is refused, not rasterized. */
const FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

const downloadError = (loc: (string | number)[]): FieldError => ({
  loc,
  msg: 'Failed to download the file. Please check if the URL is accessible.',
  type: 'file_download_error',
});
const loadError = (loc: (string | number)[]): FieldError => ({
  loc,
  msg: 'Failed to load the image. Please ensure the image is not corrupted and is in a supported format.',
  type: 'image_load_error',
});

async function download(url: string, access: SourceAccess): Promise<Buffer | undefined> {
  const own = access.own(url);
  if (own !== undefined) return own ?? undefined;
  const data = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(url);
  if (data) return Buffer.from(data[1] ?? '', 'base64');
  if (!URL.canParse(url)) return undefined;
  const { origin } = new URL(url);
  if (!access.origins().includes(origin)) return undefined;
  try {
    // No redirects: one could lead anywhere, past the origins allowed.
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (res.status !== 200 || Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) return undefined;
    const body = Buffer.from(await res.arrayBuffer());
    return body.length > MAX_BYTES ? undefined : body;
  } catch {
    return undefined;
  }
}

async function decode(body: Buffer): Promise<{ width: number; height: number } | 'too-large' | undefined> {
  try {
    const meta = await sharp(body, { limitInputPixels: false }).metadata();
    if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) return undefined;
    if (meta.width * meta.height > MAX_PIXELS) return 'too-large';
    // Decode it whole: a truncated or corrupt file fails here, as it would for the model.
    await sharp(body, { limitInputPixels: MAX_PIXELS }).raw().toBuffer();
    return { width: meta.width, height: meta.height };
  } catch {
    return undefined;
  }
}

/** Downloads and decodes every input image, or gives the errors fal would answer with. */
export async function loadSources(
  urls: ImageInput['imageUrls'],
  access: SourceAccess,
): Promise<{ sources: SourceImage[] } | { errors: FieldError[] }> {
  const results = await Promise.all(
    urls.map(async ({ loc, url }): Promise<SourceImage | FieldError> => {
      const body = await download(url, access);
      if (!body) return downloadError(loc);
      const size = await decode(body);
      if (size === 'too-large')
        return { loc, msg: `Image is too large (at most ${MAX_PIXELS} pixels)`, type: 'image_too_large' };
      return size ? { url, body, ...size } : loadError(loc);
    }),
  );
  const errors = results.filter((r): r is FieldError => 'loc' in r);
  return errors.length > 0 ? { errors } : { sources: results as SourceImage[] };
}
