import { randomBytes } from 'node:crypto';
import { isUserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

/**
 * One error policy for every chat platform. A UserError explains itself (allowed values included); a platform
 * refusal with a clear fix (`explain`) is told as such; anything else is logged with its cause and the person
 * gets only a short reference to find the log line — never the error's own message.
 */
export function describeFailure(
  error: unknown,
  log: Logger,
  context: Record<string, unknown>,
  explain: (error: unknown) => string | undefined = () => undefined,
): string {
  if (isUserError(error)) return error.message;
  const explained = explain(error);
  if (explained) {
    log.warn({ err: error, ...context }, 'the chat platform refused a call');
    return explained;
  }
  const reference = randomBytes(4).toString('hex').toUpperCase();
  log.error({ err: error, reference, ...context }, 'chat handler failed');
  return `Something went wrong on our side. Please try again; if it keeps happening, mention reference ${reference}.`;
}

/** An adapter's one error boundary: runs a handler and answers the person (privately) when it throws. */
export async function withErrorBoundary(
  log: Logger,
  context: Record<string, unknown>,
  reply: (text: string) => Promise<unknown>,
  handler: () => Promise<void>,
  explain?: (error: unknown) => string | undefined,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    const text = describeFailure(error, log, context, explain);
    await reply(text).catch((e: unknown) =>
      log.warn({ err: e, ...context }, 'could not report an error to the user'),
    );
  }
}
