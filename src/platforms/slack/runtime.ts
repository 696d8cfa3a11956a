import type { webApi } from '@slack/bolt';
import type { Generation, Requester } from '../../core/types.js';
import type { AdapterDeps } from '../adapter.js';
import type { JobMessageMachine } from '../shared/job-message-machine.js';
import type { SlackImage } from './blocks/job-blocks.js';
import type { SlackJobRef } from './job-message-port.js';
import type { PostCheck } from './post-check.js';

/** What every Slack handler works with. */
export interface SlackRuntime {
  deps: AdapterDeps;
  client: webApi.WebClient;
  /** Each job's live message (jobs carry its place in their request: see message-ref.ts placeOf). */
  jobMessages: JobMessageMachine<SlackJobRef>;
  /** Throws a UserError when the bot cannot post in a conversation (asked before a job is paid for). */
  canPost: PostCheck;
  /** A stored image as Slack can show it (thumbnail when `thumb`), or undefined. */
  imageFor(generation: Generation, thumb: boolean): SlackImage | undefined;
}

/** A Slack requester; admins are the users listed in SLACK_ADMIN_USER_IDS (Slack payloads do not say). */
export function slackRequester(
  workspaceId: string,
  channelId: string,
  userId: string,
  adminUserIds: readonly string[] = [],
): Requester {
  return {
    platform: 'slack',
    workspaceId,
    channelId,
    userId,
    ...(adminUserIds.includes(userId) ? { admin: true } : {}),
  };
}

/** A private note to one user in a channel (errors from buttons, modals and reactions). */
export function tellUser(rt: SlackRuntime, channel: string, user: string, text: string) {
  return rt.client.chat.postEphemeral({ channel, user, text });
}
