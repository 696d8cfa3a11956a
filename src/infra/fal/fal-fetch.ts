/**
 * A fetch for @fal-ai/client that turns every failure into an error the client does not retry.
 *
 * Why: the client's queue calls pass their own retry policy per call (queue.js QUEUE_RETRY_CONFIG,
 * maxRetries 3 on 429/502/503/504 and network errors), which overrides `config.retry`, so
 * `retry: { maxRetries: 0 }` alone does not stop a retried submit from creating a second job.
 * Throwing from fetch with errors that are neither ApiError nor carry a transport error code in
 * their cause chain makes the client's `isRetryableError` false: only our own code retries.
 */

/** A non-2xx answer from fal (status, parsed JSON body when there is one). */
export class FalHttpError extends Error {
  override readonly name = 'FalHttpError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly requestId: string | undefined,
  ) {
    super(`fal answered HTTP ${status}`);
  }
}

/** The request never got an answer (connection refused, reset, DNS...). */
export class FalTransportError extends Error {
  override readonly name = 'FalTransportError';
  constructor(
    message: string,
    /** Kept out of `cause` on purpose: the client walks `cause` looking for retryable codes. */
    readonly original: unknown,
    readonly transportCode: string | undefined,
  ) {
    super(message);
  }
}

function transportCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text.slice(0, 500);
  }
}

export function createNoRetryFetch(baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    let res: Response;
    try {
      res = await baseFetch(input, init);
    } catch (error) {
      // Abort and timeout errors are never retried by the client; keep them as they are.
      const name = (error as { name?: unknown } | null)?.name;
      if (name === 'AbortError' || name === 'TimeoutError') throw error;
      throw new FalTransportError('fal could not be reached', error, transportCode(error));
    }
    if (res.ok) return res;
    throw new FalHttpError(res.status, await readBody(res), res.headers.get('x-fal-request-id') ?? undefined);
  };
}
