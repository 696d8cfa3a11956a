import { ProviderError } from '../../core/errors.js';
import { FalTransportError } from './fal-fetch.js';

export const USER_MESSAGES = {
  invalid: 'The model rejected these settings. Try other options or a shorter text.',
  contentPolicy: "The image model's safety checker refused this request. Try different wording.",
} as const;

interface HttpLike {
  status: number;
  body?: unknown;
}

function httpLike(error: unknown): HttpLike | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? (error as HttpLike) : undefined;
}

/** FastAPI/pydantic 422 details: [{ loc, msg, type }] or a plain string. */
function details(body: unknown): { loc?: unknown[]; msg?: string; type?: string }[] {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (typeof detail === 'string') return [{ msg: detail }];
  return Array.isArray(detail) ? (detail as { loc?: unknown[]; msg?: string; type?: string }[]) : [];
}

function fromStatus(http: HttpLike, cause: unknown): ProviderError {
  const { status } = http;
  if (status === 422) {
    const items = details(http.body);
    const policy = items.some((d) => String(d.type ?? '').includes('content_policy'));
    const fields = items.map((d) => (Array.isArray(d.loc) ? d.loc.slice(1).join('.') : '')).filter(Boolean);
    return new ProviderError('user', policy ? USER_MESSAGES.contentPolicy : USER_MESSAGES.invalid, {
      status,
      code: policy ? 'content_policy' : 'invalid_input',
      cause: { fields, details: items, error: cause },
    });
  }
  if (status === 401 || status === 403) {
    return new ProviderError('fatal', `fal refused the credentials (HTTP ${status})`, {
      status,
      code: 'unauthorized',
      cause,
    });
  }
  if (status === 429)
    return new ProviderError('retryable', 'fal is rate limiting us', { status, code: 'rate_limited', cause });
  if (status === 408 || status === 504) {
    return new ProviderError('retryable', `fal timed out (HTTP ${status})`, {
      status,
      code: 'timeout',
      cause,
    });
  }
  if (status >= 500)
    return new ProviderError('retryable', `fal failed (HTTP ${status})`, {
      status,
      code: 'server_error',
      cause,
    });
  if (status === 404)
    return new ProviderError('fatal', 'fal does not know this endpoint or request', {
      status,
      code: 'not_found',
      cause,
    });
  return new ProviderError('fatal', `fal refused the request (HTTP ${status})`, {
    status,
    code: 'bad_request',
    cause,
  });
}

/**
 * Maps anything the fal client (or our fetch wrapper, or opossum) throws to a ProviderError:
 * 422 → user (safe message), 401/403 → fatal, 429/5xx/network/timeouts/open circuit → retryable.
 */
export function classifyFalError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const http = httpLike(error);
  if (http) return fromStatus(http, error);
  if (error instanceof FalTransportError) {
    return new ProviderError('retryable', 'fal could not be reached', {
      code: 'network',
      cause: error.original,
    });
  }
  const name = (error as { name?: unknown } | null)?.name;
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    return new ProviderError('retryable', 'fal did not answer in time', { code: 'timeout', cause: error });
  }
  if (code === 'EOPENBREAKER') {
    return new ProviderError('retryable', 'this model is failing; its circuit is open', {
      code: 'circuit_open',
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError('retryable', 'fal sent an unreadable answer', {
      code: 'bad_response',
      cause: error,
    });
  }
  return new ProviderError('fatal', 'unexpected error talking to fal', { code: 'unexpected', cause: error });
}

export const isUserClass = (error: unknown): boolean => classifyFalError(error).errorClass === 'user';
export const isRetryableClass = (error: unknown): boolean =>
  classifyFalError(error).errorClass === 'retryable';
