import { randomBytes } from 'node:crypto';
import { isUserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

/** The Slack error code of a failed Web API call (`not_in_channel`, …), if that is what this is. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } } | null;
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string'
    ? e.data.error
    : undefined;
}

const EXPLAINED: Record<string, string> = {
  not_in_channel: 'I cannot post in this channel yet. Invite me with `/invite @Atelier` and try again.',
  channel_not_found: 'I cannot post in this conversation. Try a channel I am a member of.',
  expired_trigger_id: 'That took Slack too long to open. Please run the command again.',
};

/**
 * What the user is told about a failure. A UserError explains itself; a few Slack errors have a clear
 * fix; anything else is logged with its cause and the user gets only a reference to find the log line.
 */
export function describeFailure(error: unknown, log: Logger, context: Record<string, unknown>): string {
  if (isUserError(error)) return error.message;
  const code = slackErrorCode(error);
  const explained = code ? EXPLAINED[code] : undefined;
  if (explained) {
    log.warn({ err: error, ...context }, `slack: ${code}`);
    return explained;
  }
  const reference = randomBytes(4).toString('hex').toUpperCase();
  log.error({ err: error, reference, ...context }, 'slack handler failed');
  return `Something went wrong on our side. Please try again; if it keeps happening, mention reference ${reference}.`;
}

/** The adapter's one error boundary: runs a handler and answers the user (privately) when it throws. */
export async function withBoundary(
  log: Logger,
  context: Record<string, unknown>,
  reply: (text: string) => Promise<unknown>,
  handler: () => Promise<void>,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    const text = describeFailure(error, log, context);
    await reply(text).catch((e: unknown) =>
      log.warn({ err: e, ...context }, 'could not report an error to the user'),
    );
  }
}
