import type { ImageProcessor, ImageProvider, ObjectStore, ProviderImage } from '../ports.js';
import type { Generation } from '../types.js';
import { acceptImage } from './accept-image.js';
import { objectKeysFor } from './object-keys.js';

export interface StoredImage {
  imageKey: string;
  imageUrl: string;
  thumbKey: string;
  thumbUrl: string;
  width: number;
  height: number;
  bytes: number;
}

export interface StoreDeps {
  provider: ImageProvider;
  store: ObjectStore;
  images: ImageProcessor;
}

/** Copies a provider image into our storage with a thumbnail: provider URLs do not last. */
export async function storeResult(
  deps: StoreDeps,
  generation: Generation,
  image: ProviderImage,
  signal?: AbortSignal,
): Promise<StoredImage> {
  const downloaded = await deps.provider.download(image.url, signal);
  const { body, contentType, width, height } = await acceptImage(deps.images, downloaded.body);
  const thumb = await deps.images.thumbnail(body);
  const keys = objectKeysFor(generation, contentType, thumb.contentType);
  const metadata = {
    generation: generation.id,
    catalog: generation.catalogId,
    seed: String(generation.seed),
  };
  const stored = await deps.store.put(keys.image, body, { contentType, metadata });
  const storedThumb = await deps.store.put(keys.thumb, thumb.body, {
    contentType: thumb.contentType,
    metadata,
  });
  return {
    imageKey: stored.key,
    imageUrl: stored.url,
    thumbKey: storedThumb.key,
    thumbUrl: storedThumb.url,
    width,
    height,
    bytes: body.length,
  };
}
