/** An error whose message is safe to show to the person who caused it. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly details: { allowed?: readonly string[]; suggestion?: string; field?: string } = {},
  ) {
    super(message);
  }
}

export type UserErrorCode =
  | 'unknown_catalog'
  | 'unknown_dimension'
  | 'unknown_option'
  | 'incompatible'
  | 'frame_violation'
  | 'text_too_long'
  | 'text_blocked'
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'rate_limited'
  | 'paused'
  | 'quota_exceeded'
  | 'budget_exceeded'
  /** The bot could not show the result where it was asked (not in the channel, a permission missing). */
  | 'cannot_post'
  /** A system we depend on (storage) cannot do it right now; nothing changed, trying again later helps. */
  | 'unavailable';

/** How a provider failure should be handled: try again, tell the user to change input, or give up. */
export type ErrorClass = 'retryable' | 'user' | 'fatal';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly info: { status?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: info.cause });
  }
}

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A job did not start because the scheduler (the JobScheduler port) stopped: shutdown. The job is still
 * recorded and the next process resumes it, so this is not a failure of the job itself.
 */
export class SchedulerStoppedError extends Error {
  override readonly name = 'SchedulerStoppedError';
  constructor(
    readonly jobId: string,
    message = `The scheduler has stopped; job ${jobId} was not started.`,
  ) {
    super(message);
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;
