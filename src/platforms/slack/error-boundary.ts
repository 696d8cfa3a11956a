import type { Logger } from '../../core/logger.js';
import { describeFailure as describeWithPolicy, withErrorBoundary } from '../shared/error-policy.js';
import { escapeMrkdwn } from './blocks/mrkdwn.js';

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

/** Slack refusals with a clear fix for the person. */
export const explainSlack = (error: unknown): string | undefined => {
  const code = slackErrorCode(error);
  return code ? EXPLAINED[code] : undefined;
};

/** What the user is told about a failure (see the shared error policy). */
export const describeFailure = (error: unknown, log: Logger, context: Record<string, unknown>): string =>
  describeWithPolicy(error, log, context, explainSlack);

/** The adapter's one error boundary: runs a handler and answers the user (privately) when it throws. */
export const withBoundary = (
  log: Logger,
  context: Record<string, unknown>,
  reply: (text: string) => Promise<unknown>,
  handler: () => Promise<void>,
): Promise<void> =>
  // Error texts can quote what the person typed (an unknown option value): escaped, never read as markup.
  withErrorBoundary(log, context, (text) => reply(escapeMrkdwn(text)), handler, explainSlack);
