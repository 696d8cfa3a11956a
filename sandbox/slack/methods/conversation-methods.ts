import { bool, int, SlackApiError, str } from '../api-args.js';
import { compareTs, isTs } from '../ids.js';
import type { StoredMessage } from '../message-store.js';
import type { Json, SlackChannelInfo } from '../types.js';
import { channelOrThrow, type MethodContext, type MethodSpec } from './context.js';

export function channelWire(channel: SlackChannelInfo, botUserId: string): Json {
  const base = { id: channel.id, created: channel.created, is_archived: false, is_org_shared: false };
  if (channel.isIm) return { ...base, is_im: true, user: channel.user, is_user_deleted: false };
  return {
    ...base,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    is_general: channel.name === 'general',
    is_shared: false,
    is_ext_shared: false,
    // docs.slack.dev/reference/methods/conversations.info: is_member says whether the caller is in it.
    is_member: channel.members.includes(botUserId),
    creator: channel.members[0] ?? '',
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
    num_members: channel.members.length,
  };
}

function info(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  return { channel: channelWire(channel, ctx.directory.bot.userId) };
}

/** Opaque cursors, shaped like Slack's base64 "next_ts:..." ones. */
const encodeCursor = (ts: string) => Buffer.from(`next_ts:${ts}`).toString('base64');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const ts = Buffer.from(cursor, 'base64')
    .toString('utf8')
    .replace(/^next_ts:/, '');
  if (!isTs(ts)) throw new SlackApiError('invalid_cursor');
  return ts;
}

interface Page {
  items: StoredMessage[];
  hasMore: boolean;
  nextCursor: string;
}

/** Filters by oldest/latest (exclusive unless inclusive), orders, then cuts a page after the cursor. */
function page(all: StoredMessage[], args: Json, newestFirst: boolean): Page {
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const inclusive = bool(args, 'inclusive');
  const limit = Math.min(Math.max(int(args, 'limit') ?? (newestFirst ? 100 : 1000), 1), 1000);
  const after = decodeCursor(str(args, 'cursor'));
  const within = all.filter((m) => {
    if (isTs(oldest) && (inclusive ? compareTs(m.ts, oldest) < 0 : compareTs(m.ts, oldest) <= 0))
      return false;
    if (isTs(latest) && (inclusive ? compareTs(m.ts, latest) > 0 : compareTs(m.ts, latest) >= 0))
      return false;
    return true;
  });
  const ordered = newestFirst ? [...within].reverse() : within;
  const start = after ? ordered.findIndex((m) => m.ts === after) : 0;
  if (start < 0) throw new SlackApiError('invalid_cursor');
  const items = ordered.slice(start, start + limit);
  const next = ordered[start + limit];
  return { items, hasMore: next !== undefined, nextCursor: next ? encodeCursor(next.ts) : '' };
}

function history(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  if (!channel.members.includes(ctx.directory.bot.userId)) throw new SlackApiError('not_in_channel');
  const result = page(ctx.messages.history(channel.id), args, true);
  return {
    messages: result.items.map((m) => withoutChannel(ctx.messages.toWire(m))),
    has_more: result.hasMore,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    response_metadata: { next_cursor: result.nextCursor },
  };
}

function replies(args: Json, ctx: MethodContext): Json {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  const ts = str(args, 'ts');
  const thread = isTs(ts) ? ctx.messages.thread(channel.id, ts) : [];
  if (thread.length === 0) throw new SlackApiError('thread_not_found');
  const result = page(thread, args, false);
  return {
    messages: result.items.map((m) => withoutChannel(ctx.messages.toWire(m))),
    has_more: result.hasMore,
    response_metadata: { next_cursor: result.nextCursor },
  };
}

function withoutChannel<T extends { channel: string }>(wire: T): Omit<T, 'channel'> {
  const { channel: _, ...rest } = wire;
  return rest;
}

export const conversationMethods: Record<string, MethodSpec> = {
  'conversations.info': { handler: info, token: 'bot' },
  'conversations.history': { handler: history, token: 'bot' },
  'conversations.replies': { handler: replies, token: 'bot' },
};
