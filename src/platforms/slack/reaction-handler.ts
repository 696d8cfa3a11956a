import type { App } from '@slack/bolt';
import { FINISHED_STATUSES } from '../../core/types.js';
import { deleteFromReaction } from './delete-actions.js';
import { withBoundary } from './error-boundary.js';
import { DELETE_REACTION, REROLL_REACTION } from './ids.js';
import { messageIdOf } from './message-ref.js';
import { startReroll } from './reroll.js';
import { type SlackRuntime, slackRequester, tellUser } from './runtime.js';

/**
 * :repeat: (🔁) by the requester on a finished result starts a linked re-roll; anyone else's is ignored.
 * :x: (❌) deletes a result (see delete-actions.ts).
 */
export function registerReactions(app: App, rt: SlackRuntime): void {
  app.event('reaction_added', async ({ event, body }) => {
    const { reaction } = event;
    if ((reaction !== REROLL_REACTION && reaction !== DELETE_REACTION) || event.item.type !== 'message')
      return;
    const { channel, ts } = event.item;
    const log = rt.deps.log.child({ platform: 'slack', event: 'reaction_added', userId: event.user });
    await withBoundary(
      log,
      { channel, ts },
      (text) => tellUser(rt, channel, event.user, text),
      async () => {
        if (reaction === DELETE_REACTION) {
          const actor = slackRequester(
            body.team_id,
            channel,
            event.user,
            rt.deps.config.admin.slackAdminUserIds,
          );
          return deleteFromReaction(rt, { channel, ts }, actor, log);
        }
        const original = await rt.deps.service.findByMessage('slack', messageIdOf({ channel, ts }));
        if (!original || !FINISHED_STATUSES.includes(original.status)) return;
        if (original.userId !== event.user) {
          log.debug({ jobId: original.id }, 're-roll reaction by someone other than the requester ignored');
          return;
        }
        await startReroll(
          rt,
          original,
          slackRequester(body.team_id, channel, event.user, rt.deps.config.admin.slackAdminUserIds),
        );
      },
    );
  });
}
