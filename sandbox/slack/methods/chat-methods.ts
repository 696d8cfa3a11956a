import { requireStr, SlackApiError, str } from '../api-args.js';
import { isTs } from '../ids.js';
import { readDisplayOverrides, readMessageContent, replyBroadcast } from '../message-content.js';
import type { Json } from '../types.js';
import {
  channelOrThrow,
  type MethodContext,
  type MethodSpec,
  messageOrThrow,
  nextBlockId,
} from './context.js';

function postMessage(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  const { bot } = ctx.directory;
  // docs.slack.dev/reference/methods/chat.postMessage, errors: not_in_channel (without chat:write.public,
  // which the manifest does not ask for, a bot posts only where it is a member).
  if (!channel.members.includes(bot.userId)) throw new SlackApiError('not_in_channel');
  const content = readMessageContent(args, nextBlockId(ctx));
  const threadTs = str(args, 'thread_ts') || undefined;
  if (threadTs !== undefined) {
    const parent = isTs(threadTs) ? ctx.messages.get(channel.id, threadTs) : undefined;
    if (!parent) throw new SlackApiError('thread_not_found');
    if (parent.threadTs && parent.threadTs !== parent.ts) throw new SlackApiError('cannot_reply_to_message');
  }
  const stored = ctx.messages.add({
    channel: channel.id,
    ts: ctx.ids.ts(),
    user: bot.userId,
    fromBot: true,
    reactions: [],
    ...content,
    ...readDisplayOverrides(args),
    ...(threadTs ? { threadTs, broadcast: replyBroadcast(args) } : {}),
  });
  const { channel: _, ...message } = ctx.messages.toWire(stored);
  return { channel: channel.id, ts: stored.ts, message };
}

function update(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  const message = messageOrThrow(ctx, channel.id, str(args, 'ts'));
  if (!message.fromBot) throw new SlackApiError('cant_update_message');
  // chat.update keeps what is not sent: text alone leaves the blocks in place and vice versa.
  const content = readMessageContent(args, nextBlockId(ctx), false);
  if (args.text === undefined && !content.blocks && !content.attachments) throw new SlackApiError('no_text');
  const updated = ctx.messages.update(message, (m) => {
    if (args.text !== undefined) m.text = content.text;
    if (content.blocks) m.blocks = content.blocks;
    if (content.attachments) m.attachments = content.attachments;
    if (content.metadata !== undefined) m.metadata = content.metadata;
    m.edited = { user: ctx.directory.bot.userId, ts: ctx.ids.ts() };
  });
  const { channel: _, ...wire } = ctx.messages.toWire(updated);
  return { channel: channel.id, ts: updated.ts, text: updated.text, message: wire };
}

function postEphemeral(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  const user = requireStr(args, 'user', 'user_not_found');
  if (!ctx.directory.user(user)) throw new SlackApiError('user_not_found');
  if (!channel.members.includes(user)) throw new SlackApiError('user_not_in_channel');
  if (!channel.members.includes(ctx.directory.bot.userId)) throw new SlackApiError('not_in_channel');
  const content = readMessageContent(args, nextBlockId(ctx));
  const threadTs = str(args, 'thread_ts') || undefined;
  const ephemeral = ctx.ephemerals.add({
    ts: ctx.ids.ts(),
    channel: channel.id,
    user,
    text: content.text,
    source: 'chat.postEphemeral',
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  return { message_ts: ephemeral.ts };
}

function remove(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  const message = messageOrThrow(ctx, channel.id, str(args, 'ts'));
  if (!message.fromBot) throw new SlackApiError('cant_delete_message');
  ctx.messages.delete(message);
  return { channel: channel.id, ts: message.ts };
}

function getPermalink(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  const message = messageOrThrow(ctx, channel.id, str(args, 'message_ts'));
  const base = `https://${ctx.directory.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const inThread = message.threadTs && message.threadTs !== message.ts;
  return {
    channel: channel.id,
    permalink: inThread ? `${base}?thread_ts=${message.threadTs}&cid=${channel.id}` : base,
  };
}

export const chatMethods: Record<string, MethodSpec> = {
  'chat.postMessage': { handler: postMessage, token: 'bot' },
  'chat.update': { handler: update, token: 'bot' },
  'chat.postEphemeral': { handler: postEphemeral, token: 'bot' },
  'chat.delete': { handler: remove, token: 'bot' },
  'chat.getPermalink': { handler: getPermalink, token: 'bot' },
};
