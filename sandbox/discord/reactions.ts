import type { APIUser } from 'discord.js';
import { apiErrors } from './http-io.js';
import { type EmulatorHub, INTENTS } from './hub.js';
import type { MessageService } from './messages.js';
import { renderMember } from './render-guild.js';
import type { MessageRecord } from './state.js';

export interface ParsedEmoji {
  id: string | null;
  name: string | null;
}

/**
 * A reaction emoji from a route segment (already URL-decoded): a unicode emoji such as 🔁, or
 * `name:id` for a custom one. The sandbox guilds have no custom emojis, so those are unknown.
 */
export function parseEmoji(raw: string): ParsedEmoji {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.includes(':') || trimmed.length > 32) throw apiErrors.unknownEmoji();
  return { id: null, name: trimmed };
}

const keyOf = (emoji: ParsedEmoji) => emoji.id ?? emoji.name ?? '';

/** Adds and removes reactions and dispatches MESSAGE_REACTION_ADD / _REMOVE the way Discord does. */
export class ReactionService {
  constructor(
    private readonly hub: EmulatorHub,
    private readonly messages: MessageService,
  ) {}

  /** False when the user had already reacted with this emoji (Discord then does nothing). */
  add(record: MessageRecord, userId: string, emoji: ParsedEmoji): boolean {
    const key = keyOf(emoji);
    const reaction = record.reactions.get(key) ?? { emoji, userIds: [] };
    if (reaction.userIds.includes(userId)) return false;
    reaction.userIds.push(userId);
    record.reactions.set(key, reaction);
    this.announce('add', record, userId, emoji);
    return true;
  }

  remove(record: MessageRecord, userId: string, emoji: ParsedEmoji): boolean {
    const key = keyOf(emoji);
    const reaction = record.reactions.get(key);
    if (!reaction?.userIds.includes(userId)) return false;
    reaction.userIds = reaction.userIds.filter((id) => id !== userId);
    if (reaction.userIds.length === 0) record.reactions.delete(key);
    this.announce('remove', record, userId, emoji);
    return true;
  }

  users(record: MessageRecord, emoji: ParsedEmoji): APIUser[] {
    const ids = record.reactions.get(keyOf(emoji))?.userIds ?? [];
    return ids.flatMap((id) => this.hub.state.users.get(id) ?? []);
  }

  private announce(type: 'add' | 'remove', record: MessageRecord, userId: string, emoji: ParsedEmoji): void {
    const { id: messageId, channel_id: channelId, author } = record.data;
    this.hub.emit('reaction', { type, channelId, messageId, userId, emoji });
    this.hub.emit('message', { type: 'update', channelId, message: this.messages.render(record) });
    const guild = record.guildId ? this.hub.state.guilds.get(record.guildId) : undefined;
    const member = guild && type === 'add' ? renderMember(this.hub.state, guild, userId) : undefined;
    const data = {
      user_id: userId,
      channel_id: channelId,
      message_id: messageId,
      emoji,
      burst: false,
      type: 0,
      ...(guild ? { guild_id: guild.id } : {}),
      ...(type === 'add' ? { message_author_id: author.id, burst_colors: [] } : {}),
      ...(member ? { member } : {}),
    };
    const event = type === 'add' ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE';
    this.hub.dispatch(event, data, { guildId: record.guildId, intent: INTENTS.GuildMessageReactions });
  }
}
