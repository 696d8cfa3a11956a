import type { Generation } from '../types.js';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * Keys derive from the generation id (a UUID), so storing again after a crash overwrites the same
 * objects instead of leaving a second copy.
 */
export function objectKeysFor(
  generation: Pick<Generation, 'id' | 'createdAt'>,
  contentType: string,
  thumbContentType: string,
) {
  const date = new Date(generation.createdAt);
  const month = `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  return {
    image: `images/${month}/${generation.id}.${EXTENSIONS[contentType] ?? 'png'}`,
    // The extension names the format: records from before thumbnails were JPEG end in .webp.
    thumb: `thumbs/${month}/${generation.id}.${EXTENSIONS[thumbContentType] ?? 'jpg'}`,
  };
}
