import { requireStr, SlackApiError, str } from '../api-args.js';
import { addReaction, removeReaction } from '../message-store.js';
import type { Json } from '../types.js';
import { channelOrThrow, type MethodContext, type MethodSpec, messageOrThrow } from './context.js';

/** Emoji names as Slack accepts them (no colons; skin tones as `::skin-tone-2`). */
const EMOJI_NAME = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

function target(args: Json, ctx: MethodContext) {
  const channel = channelOrThrow(ctx, str(args, 'channel'));
  return messageOrThrow(ctx, channel.id, str(args, 'timestamp'));
}

function reactionName(args: Json): string {
  const name = requireStr(args, 'name', 'invalid_name').replace(/^:|:$/g, '');
  if (!EMOJI_NAME.test(name)) throw new SlackApiError('invalid_name');
  return name;
}

function add(args: Json, ctx: MethodContext): Json {
  const name = reactionName(args);
  const message = target(args, ctx);
  const userId = ctx.directory.bot.userId;
  ctx.messages.update(message, (m) => {
    if (!addReaction(m, name, userId)) throw new SlackApiError('already_reacted');
  });
  return {};
}

function remove(args: Json, ctx: MethodContext): Json {
  const name = reactionName(args);
  const message = target(args, ctx);
  const userId = ctx.directory.bot.userId;
  ctx.messages.update(message, (m) => {
    if (!removeReaction(m, name, userId)) throw new SlackApiError('no_reaction');
  });
  return {};
}

function get(args: Json, ctx: MethodContext): Json {
  const message = target(args, ctx);
  const { channel, ...wire } = ctx.messages.toWire(message);
  return { type: 'message', channel, message: wire };
}

export const reactionMethods: Record<string, MethodSpec> = {
  'reactions.add': { handler: add, token: 'bot' },
  'reactions.remove': { handler: remove, token: 'bot' },
  'reactions.get': { handler: get, token: 'bot' },
};
