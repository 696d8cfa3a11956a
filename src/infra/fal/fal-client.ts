import { createFalClient, type FalClient } from '@fal-ai/client';
import { createNoRetryFetch } from './fal-fetch.js';

/** The queue base the client hard-codes; requests to it are rewritten to the configured one. */
export const FAL_QUEUE_BASE = 'https://queue.fal.run';

export interface FalClientSettings {
  key: string;
  /** FAL_QUEUE_URL: https://queue.fal.run, or the sandbox emulator. */
  queueUrl: string;
  fetch?: typeof fetch;
}

export function createRoutedFalClient(settings: FalClientSettings): FalClient {
  const target = settings.queueUrl.replace(/\/+$/, '');
  return createFalClient({
    credentials: settings.key,
    suppressLocalCredentialsWarning: true,
    // Only affects calls without their own retry policy; the queue calls are covered by the fetch below.
    retry: { maxRetries: 0 },
    fetch: createNoRetryFetch(settings.fetch ?? fetch),
    requestMiddleware: async (request) =>
      request.url.startsWith(`${FAL_QUEUE_BASE}/`)
        ? { ...request, url: target + request.url.slice(FAL_QUEUE_BASE.length) }
        : request,
  });
}

/** The caller's signal (if any) combined with a per-request timeout. */
export function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
