import { createFalClient, type FalClient } from '@fal-ai/client';
import { createNoRetryFetch } from './fal-fetch.js';

/** The queue base the client hard-codes; requests to it are rewritten to the configured one. */
export const FAL_QUEUE_BASE = 'https://queue.fal.run';
/** The REST base it hard-codes (config.ts getRestApiUrl): storage upload's initiate call goes there. */
export const FAL_REST_BASE = 'https://rest.fal.ai';

export interface FalClientSettings {
  key: string;
  /** FAL_QUEUE_URL: https://queue.fal.run, or the sandbox emulator. */
  queueUrl: string;
  /** FAL_REST_URL: https://rest.fal.ai, or the sandbox emulator (fal's storage upload). */
  restUrl?: string;
  fetch?: typeof fetch;
}

/** Rewrites a URL on one of fal's hard-coded bases to the configured one. */
function reroute(url: string, routes: readonly (readonly [string, string])[]): string {
  for (const [base, target] of routes)
    if (url.startsWith(`${base}/`)) return target.replace(/\/+$/, '') + url.slice(base.length);
  return url;
}

export function createRoutedFalClient(settings: FalClientSettings): FalClient {
  const routes = [
    [FAL_QUEUE_BASE, settings.queueUrl],
    [FAL_REST_BASE, settings.restUrl ?? FAL_REST_BASE],
  ] as const;
  return createFalClient({
    credentials: settings.key,
    suppressLocalCredentialsWarning: true,
    // Only affects calls without their own retry policy; the queue calls are covered by the fetch below.
    retry: { maxRetries: 0 },
    fetch: createNoRetryFetch(settings.fetch ?? fetch),
    // The storage upload's PUT goes to the signed upload_url initiate returned, past this middleware.
    requestMiddleware: async (request) => ({ ...request, url: reroute(request.url, routes) }),
  });
}

/** The caller's signal (if any) combined with a per-request timeout. */
export function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
