import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { UserError } from '../../core/errors.js';
import { deleteFromButton } from './delete-actions.js';
import { withBoundary } from './error-boundary.js';
import { ACTION } from './ids.js';
import { startReroll } from './reroll.js';
import { type SlackRuntime, slackRequester, tellUser } from './runtime.js';

/**
 * The card's 🔁 Re-roll and Try again buttons: the same linked re-roll as the reaction, for the requester
 * only. Its Delete button (behind Slack's confirm dialog) deletes the result for the requester or an admin.
 */
export function registerJobActions(app: App, rt: SlackRuntime): void {
  for (const actionId of [ACTION.reroll, ACTION.retry]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const userId = body.user.id;
      const channel = body.channel?.id ?? String(body.container.channel_id ?? '');
      const log = rt.deps.log.child({ platform: 'slack', action: actionId, userId });
      await withBoundary(
        log,
        { jobId: action.value },
        // In a channel the bot has left, only the button's response_url still reaches the person.
        (text) =>
          tellUser(rt, channel, userId, text).catch(() =>
            respond({ response_type: 'ephemeral', text, replace_original: false }),
          ),
        async () => {
          const original = action.value ? await rt.deps.service.get(action.value) : undefined;
          if (original?.platform !== 'slack')
            throw new UserError('not_found', 'That image is no longer in the history.');
          await startReroll(
            rt,
            original,
            slackRequester(
              body.team?.id ?? original.workspaceId,
              channel,
              userId,
              rt.deps.config.admin.slackAdminUserIds,
            ),
          );
        },
      );
    });
  }
  app.action<BlockAction<ButtonAction>>(ACTION.delete, async ({ ack, body, action }) => {
    await ack();
    const userId = body.user.id;
    const channel = body.channel?.id ?? String(body.container.channel_id ?? '');
    const log = rt.deps.log.child({ platform: 'slack', action: ACTION.delete, userId });
    await withBoundary(
      log,
      { jobId: action.value },
      (text) => tellUser(rt, channel, userId, text),
      () =>
        deleteFromButton(
          rt,
          action.value,
          slackRequester(body.team?.id ?? '', channel, userId, rt.deps.config.admin.slackAdminUserIds),
        ),
    );
  });
}
