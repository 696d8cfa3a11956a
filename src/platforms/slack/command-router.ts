import type { App, RespondFn } from '@slack/bolt';
import { commands, parseOptions } from '../../../commands/index.js';
import { UserError } from '../../core/errors.js';
import { createTurnQueue } from '../shared/turn-queue.js';
import type { SlackMessage } from './blocks/job-blocks.js';
import { parseCommandText } from './command-text.js';
import { withBoundary } from './error-boundary.js';
import { presentResult } from './result-presenter.js';
import { type SlackRuntime, slackRequester } from './runtime.js';

/** A message for respond(): ephemeral unless told otherwise; empty block lists are left out. */
export function responseOf(message: SlackMessage, options: { replace?: boolean; inChannel?: boolean } = {}) {
  return {
    response_type: options.inChannel ? ('in_channel' as const) : ('ephemeral' as const),
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(options.replace !== undefined ? { replace_original: options.replace } : {}),
  };
}

export const replyWith =
  (respond: RespondFn, options: { replace?: boolean; inChannel?: boolean } = {}) =>
  (message: SlackMessage) =>
    respond(responseOf(message, options));

/**
 * One Bolt listener per command of `commands/`. Parsing is synchronous, so a typo is answered in the ack
 * itself; everything else is acknowledged first, then done, inside the adapter's error boundary.
 */
export function registerCommands(app: App, rt: SlackRuntime): void {
  const { catalogs } = rt.deps;
  const turns = createTurnQueue();
  for (const command of commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond }) => {
      const log = rt.deps.log.child({ platform: 'slack', command: command.name, userId: payload.user_id });
      let acked = false;
      const tell = async (text: string) => {
        if (acked) return respond({ response_type: 'ephemeral', text, replace_original: false });
        acked = true;
        return ack({ response_type: 'ephemeral', text });
      };
      await withBoundary(log, { command: command.name }, tell, async () => {
        const requester = slackRequester(
          payload.team_id,
          payload.channel_id,
          payload.user_id,
          rt.deps.config.admin.slackAdminUserIds,
        );
        // Slack cannot hide a command from anyone: admin commands refuse everyone else right in the ack.
        if (command.adminOnly && !requester.admin)
          throw new UserError(
            'forbidden',
            `Only the admins listed in SLACK_ADMIN_USER_IDS can use /${command.name}.`,
          );
        const input = parseOptions(
          command,
          parseCommandText(command.options(catalogs), payload.text),
          catalogs,
        );
        acked = true;
        await ack();
        // Other commands' acks go out before this one's (synchronous) database work.
        await turns.turn();
        // Its jobs' results are posted in the channel: nothing is paid for where the bot cannot post.
        if (command.showsJobsIn) await rt.canPost(payload.channel_id);
        const result = await command.handle(input, rt.deps.commandContext(requester));
        await presentResult(rt, result, {
          requester,
          triggerId: payload.trigger_id,
          reply: replyWith(respond),
        });
      });
    });
  }
}
