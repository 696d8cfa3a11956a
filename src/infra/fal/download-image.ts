import { ProviderError } from '../../core/errors.js';
import { withTimeout } from './fal-client.js';

export interface DownloadSettings {
  timeoutMs: number;
  maxBytes: number;
  fetch: typeof fetch;
}

/** Reads the body, giving up as soon as it passes maxBytes. */
async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ProviderError('fatal', `image is larger than ${maxBytes} bytes`, { code: 'too_large' });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads a result image. fal's media URLs are public and temporary: no credentials are sent,
 * and 404/410 is reported as `media_expired` so the caller can fetch the result again for fresh URLs.
 */
export async function downloadImage(
  url: string,
  settings: DownloadSettings,
  signal?: AbortSignal,
): Promise<{ body: Buffer; contentType: string }> {
  let res: Response;
  try {
    res = await settings.fetch(url, { signal: withTimeout(signal, settings.timeoutMs) });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    throw new ProviderError('retryable', timedOut ? 'image download timed out' : 'image download failed', {
      code: timedOut ? 'timeout' : 'network',
      cause: error,
    });
  }
  const { status } = res;
  if (status === 404 || status === 410) {
    await res.body?.cancel().catch(() => {});
    throw new ProviderError('retryable', 'the image URL has expired', { status, code: 'media_expired' });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    const retryable = status === 429 || status >= 500;
    throw new ProviderError(retryable ? 'retryable' : 'fatal', `image download answered HTTP ${status}`, {
      status,
      code: 'download_failed',
    });
  }
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!contentType.startsWith('image/')) {
    await res.body?.cancel().catch(() => {});
    throw new ProviderError('retryable', `expected an image, got ${contentType || 'no content type'}`, {
      code: 'bad_media',
    });
  }
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > settings.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new ProviderError('fatal', `image is larger than ${settings.maxBytes} bytes`, {
      code: 'too_large',
    });
  }
  try {
    return { body: await readCapped(res, settings.maxBytes), contentType };
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (signal?.aborted) throw signal.reason;
    throw new ProviderError('retryable', 'image download was interrupted', { code: 'network', cause: error });
  }
}
