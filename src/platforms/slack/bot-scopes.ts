/**
 * The bot token's scopes: what the manifest asks for, and so what the installed app's token carries. Each
 * is here for a Web API method or event the adapter uses (scopes from each method's page on
 * https://docs.slack.dev/reference/methods):
 * - commands: the slash commands;
 * - chat:write: chat.postMessage, chat.update, chat.delete, chat.postEphemeral;
 * - reactions:read: the reaction_added event (🔁 and ❌); reactions:write: reactions.add (the bot's 🔁);
 * - files:write: files.getUploadURLExternal, files.completeUploadExternal, files.delete;
 * - channels:history, groups:history, im:history, mpim:history: conversations.history, which needs the
 *   scope of the conversation's type (public channel, private channel, DM, group DM), to find the message
 *   of a job resumed after a crash;
 * - channels:read, groups:read, im:read, mpim:read: conversations.info, asked before a job is paid for (is
 *   the bot in the conversation), one scope per conversation type.
 * views.open and auth.test need none. Data only: the Slack emulator reads it as the token's grant.
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'reactions:read',
  'reactions:write',
  'files:write',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
] as const;
