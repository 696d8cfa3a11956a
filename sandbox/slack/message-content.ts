import { bool, list, object, SlackApiError, str } from './api-args.js';
import { normalizeBlocks, validateBlocks } from './blocks.js';
import type { Json } from './types.js';

/** Slack's cap on message text. */
const MAX_TEXT = 40_000;
export const MAX_MESSAGE_BLOCKS = 50;

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
}

/**
 * The text/blocks/attachments of chat.postMessage, chat.update, chat.postEphemeral and response_url bodies,
 * validated as Slack does (no_text, msg_too_long, invalid_blocks, invalid_attachments).
 */
export function readMessageContent(
  args: Json,
  nextBlockId: () => string,
  requireSome = true,
): MessageContent {
  const text = str(args, 'text') ?? '';
  const blocks = list(args, 'blocks');
  const attachments = list(args, 'attachments');
  if (blocks === 'invalid') throw new SlackApiError('invalid_blocks_format');
  if (attachments === 'invalid') throw new SlackApiError('invalid_attachments');
  if (requireSome && !text && !blocks?.length && !attachments?.length) throw new SlackApiError('no_text');
  if (text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  if (blocks) {
    const messages = validateBlocks(blocks, { maxBlocks: MAX_MESSAGE_BLOCKS, pointer: '/blocks' });
    if (messages.length) throw new SlackApiError('invalid_blocks', { response_metadata: { messages } });
  }
  const metadata = object(args, 'metadata');
  return {
    text,
    ...(blocks ? { blocks: normalizeBlocks(blocks, nextBlockId) } : {}),
    ...(attachments ? { attachments } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/** Display overrides a bot may send with a message. */
export function readDisplayOverrides(args: Json): { username?: string; icons?: Json } {
  const username = str(args, 'username');
  const iconEmoji = str(args, 'icon_emoji');
  const iconUrl = str(args, 'icon_url');
  const icons = iconEmoji ? { emoji: iconEmoji } : iconUrl ? { image_48: iconUrl } : undefined;
  return { ...(username ? { username } : {}), ...(icons ? { icons } : {}) };
}

export const replyBroadcast = (args: Json) => bool(args, 'reply_broadcast');
