import type { EmulatorEmitter } from './emitter.js';
import type { Json, SlackBotIdentity, SlackMessage, SlackReaction, SlackTeam } from './types.js';

export interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  fromBot: boolean;
  blocks?: unknown[];
  attachments?: unknown[];
  fileIds?: string[];
  threadTs?: string;
  /** A thread reply also shown in the channel (reply_broadcast). */
  broadcast?: boolean;
  username?: string;
  icons?: Json;
  metadata?: unknown;
  clientMsgId?: string;
  edited?: { user: string; ts: string };
  reactions: SlackReaction[];
}

export interface MessageStoreDeps {
  team: SlackTeam;
  bot: SlackBotIdentity;
  emitter: EmulatorEmitter;
  /** Wire shape of a stored file (the file store owns them). */
  renderFile(id: string): Json | undefined;
}

/** Messages per conversation, threads, reactions, and their Slack wire shape. */
export class MessageStore {
  #byChannel = new Map<string, StoredMessage[]>();

  constructor(private readonly deps: MessageStoreDeps) {}

  reset(): void {
    this.#byChannel.clear();
  }

  add(message: StoredMessage): StoredMessage {
    const list = this.#byChannel.get(message.channel) ?? [];
    list.push(message);
    this.#byChannel.set(message.channel, list);
    this.deps.emitter.emit('message', { kind: 'posted', message: this.toWire(message) });
    const parent = message.threadTs ? this.get(message.channel, message.threadTs) : undefined;
    if (parent) this.deps.emitter.emit('message', { kind: 'updated', message: this.toWire(parent) });
    return message;
  }

  get(channel: string, ts: string): StoredMessage | undefined {
    return this.#byChannel.get(channel)?.find((m) => m.ts === ts);
  }

  /** Applies `change` and announces the new state. */
  update(message: StoredMessage, change: (m: StoredMessage) => void): StoredMessage {
    change(message);
    this.deps.emitter.emit('message', { kind: 'updated', message: this.toWire(message) });
    return message;
  }

  delete(message: StoredMessage): void {
    const list = this.#byChannel.get(message.channel) ?? [];
    this.#byChannel.set(
      message.channel,
      list.filter((m) => m !== message),
    );
    this.deps.emitter.emit('message', { kind: 'deleted', message: this.toWire(message) });
  }

  /** Every message of a conversation, oldest first, replies included. */
  all(channel: string): StoredMessage[] {
    return [...(this.#byChannel.get(channel) ?? [])];
  }

  /** What conversations.history lists: top-level messages and broadcast replies, oldest first. */
  history(channel: string): StoredMessage[] {
    return this.all(channel).filter((m) => !m.threadTs || m.threadTs === m.ts || m.broadcast);
  }

  /** The parent then its replies, oldest first (empty when the parent does not exist). */
  thread(channel: string, threadTs: string): StoredMessage[] {
    const parent = this.get(channel, threadTs);
    if (!parent) return [];
    return [parent, ...this.replies(channel, threadTs)];
  }

  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.all(channel).filter((m) => m.threadTs === threadTs && m.ts !== threadTs);
  }

  toWire(m: StoredMessage): SlackMessage {
    const wire: SlackMessage = { type: 'message', channel: m.channel, ts: m.ts, text: m.text, user: m.user };
    const { bot, team } = this.deps;
    if (m.fromBot) {
      Object.assign(wire, {
        bot_id: bot.botId,
        app_id: bot.appId,
        bot_profile: { id: bot.botId, app_id: bot.appId, name: bot.name, deleted: false, team_id: team.id },
      });
    } else if (m.clientMsgId) {
      wire.client_msg_id = m.clientMsgId;
    }
    wire.team = team.id;
    if (m.username) wire.username = m.username;
    if (m.icons) wire.icons = m.icons;
    if (m.blocks) wire.blocks = m.blocks;
    if (m.attachments) wire.attachments = m.attachments;
    if (m.metadata !== undefined) wire.metadata = m.metadata;
    if (m.fileIds?.length) {
      wire.files = m.fileIds.map((id) => this.deps.renderFile(id)).filter((f): f is Json => f !== undefined);
      wire.upload = true;
      wire.display_as_bot = false;
    }
    if (m.edited) wire.edited = { ...m.edited };
    if (m.reactions.length) wire.reactions = m.reactions.map((r) => ({ ...r, users: [...r.users] }));
    this.addThreadFields(m, wire);
    return wire;
  }

  private addThreadFields(m: StoredMessage, wire: SlackMessage): void {
    if (m.threadTs && m.threadTs !== m.ts) {
      wire.thread_ts = m.threadTs;
      const parent = this.get(m.channel, m.threadTs);
      if (parent) wire.parent_user_id = parent.user;
      if (m.broadcast) wire.subtype = 'thread_broadcast';
      return;
    }
    const replies = this.replies(m.channel, m.ts);
    if (replies.length === 0) return;
    const replyUsers = [...new Set(replies.map((r) => r.user))];
    Object.assign(wire, {
      thread_ts: m.ts,
      reply_count: replies.length,
      reply_users_count: replyUsers.length,
      latest_reply: replies.at(-1)?.ts,
      reply_users: replyUsers,
      is_locked: false,
      subscribed: false,
    });
  }
}

export function addReaction(message: StoredMessage, name: string, userId: string): boolean {
  const existing = message.reactions.find((r) => r.name === name);
  if (existing?.users.includes(userId)) return false;
  if (existing) {
    existing.users.push(userId);
    existing.count = existing.users.length;
  } else {
    message.reactions.push({ name, users: [userId], count: 1 });
  }
  return true;
}

export function removeReaction(message: StoredMessage, name: string, userId: string): boolean {
  const existing = message.reactions.find((r) => r.name === name);
  if (!existing?.users.includes(userId)) return false;
  existing.users = existing.users.filter((u) => u !== userId);
  existing.count = existing.users.length;
  if (existing.count === 0) message.reactions = message.reactions.filter((r) => r !== existing);
  return true;
}
