import { randomUUID } from 'node:crypto';
import type { App, RespondFn } from '@slack/bolt';
import { commands } from '../../../commands/index.js';
import type { Requester } from '../../core/types.js';
import { runCommand } from '../shared/command-runner.js';
import { createTurnQueue } from '../shared/turn-queue.js';
import type { SlackMessage } from './blocks/job-blocks.js';
import { escapeMrkdwn } from './blocks/mrkdwn.js';
import { parseCommandText } from './command-text.js';
import { explainSlack } from './error-boundary.js';
import { encodePlace } from './message-ref.js';
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
 * One Bolt listener per command of `commands/`, through the shared runner: Slack's part is reading the
 * options from the text, acking (a typo is answered in the ack itself) and showing the result.
 */
export function registerCommands(app: App, rt: SlackRuntime): void {
  const deps = {
    commands,
    catalogs: rt.deps.catalogs,
    commandContext: (requester: Requester) => rt.deps.commandContext(requester),
    turns: createTurnQueue(),
  };
  for (const command of commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond }) => {
      let acked = false;
      const tell = async (text: string) => {
        if (acked) return respond({ response_type: 'ephemeral', text, replace_original: false });
        acked = true;
        return ack({ response_type: 'ephemeral', text });
      };
      const requester = slackRequester(
        payload.team_id,
        payload.channel_id,
        payload.user_id,
        rt.deps.config.admin.slackAdminUserIds,
      );
      await runCommand(deps, {
        name: command.name,
        requester,
        log: rt.deps.log.child({ platform: 'slack', command: command.name, userId: payload.user_id }),
        context: { command: command.name },
        readOptions: (options) => parseCommandText(options, payload.text),
        // Slack cannot hide a command from anyone: admin commands refuse everyone else right in the ack.
        notAdmin: (c) => `Only the admins listed in SLACK_ADMIN_USER_IDS can use /${c.name}.`,
        async acknowledge(c) {
          acked = true;
          await ack();
          // Its jobs' messages are posted in this channel (a sequence's in a thread, opened once it answered).
          const gate = c.showsJobsIn === 'thread' ? randomUUID() : undefined;
          return gate ? { gate, open: rt.jobMessages.gate(gate) } : {};
        },
        async ready(c) {
          // Its jobs' results are posted in the channel: nothing is paid for where the bot cannot post.
          if (c.showsJobsIn) await rt.canPost(payload.channel_id);
        },
        placeJobs: (c, { gate }) =>
          c.showsJobsIn
            ? { replyRef: encodePlace({ channel: payload.channel_id, ...(gate ? { gate } : {}) }) }
            : {},
        present: (result, { open }) =>
          presentResult(rt, result, {
            requester,
            triggerId: payload.trigger_id,
            reply: replyWith(respond),
            ...(open ? { openThread: open } : {}),
          }),
        // Frames whose thread could not be started go to the channel.
        settle: ({ open }) => open?.(({ gate: _gate, ...rest }) => rest),
        // Error texts can quote what the person typed (an unknown option value): escaped, never markup.
        tell: (text) => tell(escapeMrkdwn(text)),
        explain: explainSlack,
      });
    });
  }
}
