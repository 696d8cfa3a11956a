import type { ImageUploader } from '../../core/ports.js';
import { classifyFalError } from './classify-error.js';
import { createRoutedFalClient, withTimeout } from './fal-client.js';

export interface FalUploaderSettings {
  key: string;
  queueUrl: string;
  /** FAL_REST_URL: where fal's storage upload is initiated (the emulator in the sandbox and tests). */
  restUrl: string;
  /** Both requests of one upload (initiate, then the PUT of the bytes). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Hands an image to fal through its own storage (`fal.storage.upload` of @fal-ai/client: initiate on the REST
 * host, PUT to the signed URL it returns), for images fal cannot fetch from us (private media, a user's upload
 * not yet public). The URL it returns is what an endpoint's image_url takes. Failures arrive classified, as
 * the provider's do (retryable, fatal).
 */
export function createFalUploader(settings: FalUploaderSettings): ImageUploader {
  const baseFetch = settings.fetch ?? fetch;
  const timeoutMs = settings.timeoutMs ?? 30_000;
  return {
    async upload(bytes, contentType, signal) {
      // A client per upload, so the caller's signal and the timeout reach both of its requests.
      const client = createRoutedFalClient({
        key: settings.key,
        queueUrl: settings.queueUrl,
        restUrl: settings.restUrl,
        fetch: (input, init) => baseFetch(input, { ...init, signal: withTimeout(signal, timeoutMs) }),
      });
      try {
        return await client.storage.upload(new Blob([new Uint8Array(bytes)], { type: contentType }));
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw classifyFalError(error);
      }
    },
  };
}
