import type { App } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { SeenSet } from './seen-set.js';

/**
 * Global middleware: an Events API event already handled (same event_id, re-sent by Slack with
 * X-Slack-Retry-Num after a slow or failed ack) stops here. Bolt has acked it already.
 */
export function installEventDedupe(app: App, seen: SeenSet, log: Logger): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.firstTime(eventId)) {
      log.info(
        { platform: 'slack', eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        'duplicate event delivery ignored',
      );
      return;
    }
    await next();
  });
}
