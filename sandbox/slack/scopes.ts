import { SLACK_BOT_SCOPES } from '../../src/platforms/slack/bot-scopes.js';
import type { Directory } from './directory.js';
import type { SlackChannelInfo } from './types.js';

/**
 * What a bot token is granted by default: the scopes of the manifest the bot ships (bot-scopes.ts is data
 * only; an installed app's token carries exactly its manifest's scopes). `botScopes` overrides it.
 */
export const DEFAULT_BOT_SCOPES: readonly string[] = SLACK_BOT_SCOPES;
/** App-level tokens carry connections:write (https://docs.slack.dev/reference/methods/apps.connections.open). */
export const APP_TOKEN_SCOPES: readonly string[] = ['connections:write'];

type Kind = 'channels' | 'groups' | 'im' | 'mpim';
/** The scope family of a conversation: public channel, private channel, DM (group DMs are not emulated). */
const kindOf = (c: SlackChannelInfo): Kind => (c.isIm ? 'im' : c.isPrivate ? 'groups' : 'channels');

/**
 * The scope each served method needs, from the "Scopes" fact of its page on
 * https://docs.slack.dev/reference/methods/<method>. conversations.* need the scope of the conversation's
 * type ("Bot token: relevant *:history scope", conversations.history); null: no scope required (auth.test,
 * chat.getPermalink, views.*).
 */
const NEEDED: Record<string, string | ((kind: Kind) => string) | null> = {
  'auth.test': null,
  'apps.connections.open': 'connections:write',
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'views.open': null,
  'views.push': null,
  'views.update': null,
  'reactions.add': 'reactions:write',
  'reactions.remove': 'reactions:write',
  'reactions.get': 'reactions:read',
  'conversations.info': (kind) => `${kind}:read`,
  'conversations.history': (kind) => `${kind}:history`,
  'conversations.replies': (kind) => `${kind}:history`,
  'users.info': 'users:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'files.delete': 'files:write',
};

/**
 * The scope a call lacks, or undefined when the token may make it. A conversation the emulator does not
 * know is left to the method (channel_not_found), as Slack names the missing scope only for real ones.
 */
export function missingScope(
  method: string,
  channelId: string | undefined,
  granted: readonly string[],
  directory: Directory,
): string | undefined {
  const rule = NEEDED[method];
  if (rule === null || rule === undefined) return undefined;
  let needed: string;
  if (typeof rule === 'string') needed = rule;
  else {
    const channel = directory.channels().find((c) => c.id === channelId);
    if (!channel) return undefined;
    needed = rule(kindOf(channel));
  }
  return granted.includes(needed) ? undefined : needed;
}
