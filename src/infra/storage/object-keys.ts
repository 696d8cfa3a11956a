import { randomUUID } from 'node:crypto';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
};

/** File extension for an image content type (parameters and case ignored); `bin` when unknown. */
export function extensionFor(contentType: string): string {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return EXTENSIONS[base] ?? 'bin';
}

export interface ImageKeys {
  image: string;
  thumb: string;
}

/**
 * Keys for a new image and its thumbnail: `images/YYYY/MM/<uuid>.<ext>` and `thumbs/YYYY/MM/<uuid>.webp`.
 * Random UUIDs keep keys unguessable and never reused, so objects can be cached as immutable.
 */
export function newImageKeys(now: Date, contentType = 'image/png', id: string = randomUUID()): ImageKeys {
  const year = String(now.getUTCFullYear());
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return {
    image: `images/${year}/${month}/${id}.${extensionFor(contentType)}`,
    thumb: `thumbs/${year}/${month}/${id}.webp`,
  };
}
