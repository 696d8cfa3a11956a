import { SlackApiError, str } from '../api-args.js';
import type { Json, SlackUserInfo } from '../types.js';
import type { MethodContext, MethodSpec } from './context.js';

function authTest(_args: Json, ctx: MethodContext): Json {
  const { team, bot } = ctx.directory;
  return {
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  };
}

export function userWire(user: SlackUserInfo, teamId: string): Json {
  const image = `https://avatars.slack-edge.com/sandbox/${user.id}_72.png`;
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    tz: 'Europe/Berlin',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    is_admin: user.isAdmin,
    is_owner: user.isAdmin,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: 1_700_000_000,
    profile: {
      real_name: user.realName,
      display_name: user.name,
      real_name_normalized: user.realName,
      display_name_normalized: user.name,
      ...(user.email ? { email: user.email } : {}),
      image_72: image,
      image_192: image.replace('_72', '_192'),
      team: teamId,
    },
  };
}

function usersInfo(args: Json, ctx: MethodContext): Json {
  const user = ctx.directory.user(str(args, 'user') ?? '');
  if (!user) throw new SlackApiError('user_not_found');
  return { user: userWire(user, ctx.directory.team.id) };
}

function connectionsOpen(_args: Json, ctx: MethodContext): Json {
  return { url: ctx.issueSocketUrl() };
}

export const identityMethods: Record<string, MethodSpec> = {
  'auth.test': { handler: authTest, token: 'bot' },
  'users.info': { handler: usersInfo, token: 'bot' },
  'apps.connections.open': { handler: connectionsOpen, token: 'app' },
};
