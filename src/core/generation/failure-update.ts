import { ProviderError, StorageError, UserError } from '../errors.js';
import type { JobUpdate } from '../status.js';

export type FailedUpdate = Extract<JobUpdate, { kind: 'failed' }>;

const RETRYABLE_MESSAGES: Record<string, string> = {
  timeout:
    'The image service took too long to make this image, so it was cancelled. Nothing was charged twice; please try again.',
  media_expired:
    'The image was made, but the image service no longer had it when we went to save it. Please try again.',
};

/** Failures that retrying will not mend but that the person should understand. */
const FATAL_MESSAGES: Record<string, (reference: string) => string> = {
  unsupported_media: (reference) =>
    `The image service sent back a file that is not a PNG, JPEG or WebP image, so it was not saved or posted (reference ${reference}).`,
};

/** What a job's message says when the provider's safety filter flagged every image. */
export const BLOCKED_MESSAGE =
  'The safety filter flagged this image, so it was not posted. Try different options or wording.';

/** What a job's message says about a failure we do not explain. */
export const fatalMessage = (reference: string) =>
  `Something went wrong on our side and the team can see it in the logs (reference ${reference}).`;

const BUSY_MESSAGE =
  'The image service is busy or unreachable right now. Nothing was charged twice; please try again in a minute.';

/** What the person is told about a failed job: safe text, whether retrying helps, a log reference. */
export function failureUpdate(error: unknown, reference: string): FailedUpdate {
  if (error instanceof UserError || (error instanceof ProviderError && error.errorClass === 'user')) {
    return { kind: 'failed', errorClass: 'user', message: error.message, retryable: false, reference };
  }
  if (error instanceof ProviderError && error.errorClass === 'retryable') {
    const message = RETRYABLE_MESSAGES[error.info.code ?? ''] ?? BUSY_MESSAGE;
    return { kind: 'failed', errorClass: 'retryable', message, retryable: true, reference };
  }
  const explained = error instanceof ProviderError ? FATAL_MESSAGES[error.info.code ?? ''] : undefined;
  if (explained !== undefined) {
    return {
      kind: 'failed',
      errorClass: 'fatal',
      message: explained(reference),
      retryable: false,
      reference,
    };
  }
  if (error instanceof StorageError) {
    return {
      kind: 'failed',
      errorClass: 'retryable',
      message: 'The image was made but could not be saved. Please try again in a few minutes.',
      retryable: true,
      reference,
    };
  }
  return {
    kind: 'failed',
    errorClass: 'fatal',
    message: fatalMessage(reference),
    retryable: false,
    reference,
  };
}
