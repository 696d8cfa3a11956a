import type { Directory } from './directory.js';
import type { Json, SlackChannelInfo, SlackUserInfo } from './types.js';

/** The pieces of workspace context every payload carries. */
export interface PayloadContext {
  directory: Directory;
  /** Slack's legacy verification token, still sent in every payload. */
  verificationToken: string;
  nowSec: number;
}

function userRef(ctx: PayloadContext, user: SlackUserInfo): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: ctx.directory.team.id };
}

function teamRef(ctx: PayloadContext): Json {
  return { id: ctx.directory.team.id, domain: ctx.directory.team.domain };
}

/** The form fields of a slash command request (all strings, as Slack sends them). */
export function slashCommandPayload(
  ctx: PayloadContext,
  a: {
    user: SlackUserInfo;
    channel: SlackChannelInfo;
    command: string;
    text: string;
    triggerId: string;
    responseUrl: string;
  },
): Record<string, string> {
  const { team, bot } = ctx.directory;
  return {
    token: ctx.verificationToken,
    team_id: team.id,
    team_domain: team.domain,
    channel_id: a.channel.id,
    channel_name: a.channel.isIm ? 'directmessage' : a.channel.name,
    user_id: a.user.id,
    user_name: a.user.name,
    command: a.command,
    text: a.text,
    api_app_id: bot.appId,
    is_enterprise_install: 'false',
    response_url: a.responseUrl,
    trigger_id: a.triggerId,
  };
}

export interface BlockActionParts {
  user: SlackUserInfo;
  action: Json;
  triggerId: string;
  /** Message container: the channel and the message (absent for ephemeral messages). */
  channel?: SlackChannelInfo;
  messageTs?: string;
  message?: Json;
  isEphemeral?: boolean;
  responseUrl?: string;
  /** View container. */
  view?: Json;
  stateValues: Record<string, Record<string, Json>>;
}

export function blockActionsPayload(ctx: PayloadContext, p: BlockActionParts): Json {
  const base: Json = {
    type: 'block_actions',
    user: userRef(ctx, p.user),
    api_app_id: ctx.directory.bot.appId,
    token: ctx.verificationToken,
    trigger_id: p.triggerId,
    team: teamRef(ctx),
    enterprise: null,
    is_enterprise_install: false,
  };
  if (p.view) {
    return {
      ...base,
      container: { type: 'view', view_id: p.view.id },
      view: { ...p.view, state: { values: p.stateValues } },
      actions: [p.action],
    };
  }
  const channelId = p.channel?.id ?? '';
  return {
    ...base,
    container: {
      type: 'message',
      message_ts: p.messageTs,
      channel_id: channelId,
      is_ephemeral: p.isEphemeral === true,
    },
    channel: { id: channelId, name: p.channel?.isIm ? 'directmessage' : (p.channel?.name ?? '') },
    ...(p.message ? { message: p.message } : {}),
    state: { values: p.stateValues },
    ...(p.responseUrl ? { response_url: p.responseUrl } : {}),
    actions: [p.action],
  };
}

export function viewSubmissionPayload(
  ctx: PayloadContext,
  p: {
    user: SlackUserInfo;
    view: Json;
    stateValues: Record<string, Record<string, Json>>;
    triggerId: string;
  },
): Json {
  return {
    type: 'view_submission',
    team: teamRef(ctx),
    user: userRef(ctx, p.user),
    api_app_id: ctx.directory.bot.appId,
    token: ctx.verificationToken,
    trigger_id: p.triggerId,
    view: { ...p.view, state: { values: p.stateValues } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API envelope (`event_callback`) around one event. */
export function eventCallbackPayload(ctx: PayloadContext, event: Json, eventId: string): Json {
  const { team, bot } = ctx.directory;
  return {
    token: ctx.verificationToken,
    team_id: team.id,
    context_team_id: team.id,
    context_enterprise_id: null,
    api_app_id: bot.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: ctx.nowSec,
    authorizations: [
      {
        enterprise_id: null,
        team_id: team.id,
        user_id: bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ id: eventId, app: bot.appId })).toString('base64url')}`,
  };
}
