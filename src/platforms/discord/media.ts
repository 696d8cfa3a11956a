import type { Logger } from '../../core/logger.js';
import type { MediaStore } from '../../core/ports.js';
import type { Generation } from '../../core/types.js';
import { shouldUpload } from '../shared/media-delivery.js';
import type { Media } from './render/outgoing.js';

export type MediaMode = 'auto' | 'link' | 'upload';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * How a message shows a stored image: linked by our storage's public URL, or (MEDIA_DELIVERY=upload, or
 * `auto` with a URL Discord cannot reach) uploaded with the message from our storage.
 */
export function createMediaResolver(deps: { store: MediaStore; mode: MediaMode; log: Logger }) {
  return async function mediaFor(
    generation: Generation,
    kind: 'image' | 'thumb',
    baseName = `atelier-${generation.id.slice(0, 8)}${kind === 'thumb' ? '-thumb' : ''}`,
  ): Promise<Media | undefined> {
    const url = kind === 'image' ? generation.imageUrl : (generation.thumbUrl ?? generation.imageUrl);
    const key = kind === 'image' ? generation.imageKey : (generation.thumbKey ?? generation.imageKey);
    if (!url) return undefined;
    if (!key || !shouldUpload(deps.mode, url)) return { url };
    try {
      const object = await deps.store.get(key);
      if (!object) return { url };
      const name = `${baseName}.${EXTENSIONS[object.contentType] ?? 'png'}`;
      return {
        url: `attachment://${name}`,
        file: { name, data: object.body, contentType: object.contentType },
      };
    } catch (error) {
      deps.log.warn({ err: error, jobId: generation.id }, 'could not read the image to upload; linking it');
      return { url };
    }
  };
}

export type MediaResolver = ReturnType<typeof createMediaResolver>;
