import type {
  APIMessage,
  APIUser,
  GatewayMessageCreateDispatchData,
  MessageFlags,
  MessageType,
} from 'discord.js';
import { resolveAttachments, resolveEmbedAttachments } from './attachments.js';
import { formError } from './form-errors.js';
import { apiErrors, type UploadedFile } from './http-io.js';
import { type EmulatorHub, INTENTS } from './hub.js';
import { FLAG_EPHEMERAL, FLAG_LOADING, type MessageInput, validateMessageInput } from './message-body.js';
import { renderMemberNoUser } from './render-guild.js';
import { type ChannelRecord, guildIdOf, type MessageRecord } from './state.js';
import type { ThreadArchive } from './thread-archive.js';
import type { InteractionRecord } from './types.js';

export interface NewMessage {
  channelId: string;
  author: APIUser;
  input: MessageInput;
  files?: readonly UploadedFile[];
  /** Discord message type; default 0 (19 when replying). */
  type?: number;
  webhookId?: string;
  /** The interaction this message answers (adds interaction_metadata). */
  interaction?: InteractionRecord;
  /** A deferred response: Discord's "thinking…" placeholder, empty until edited. */
  loading?: boolean;
}

/** Flags a bot may set or clear when editing. */
const EDITABLE_FLAGS = (1 << 2) | (1 << 12) | (1 << 15);
const MENTION = /<@!?(\d{17,20})>/g;

/** Creates, edits, deletes and renders messages, and tells the gateway and listeners about it. */
export class MessageService {
  constructor(
    private readonly hub: EmulatorHub,
    private readonly archive: ThreadArchive,
  ) {}

  channel(channelId: string): ChannelRecord {
    const channel = this.hub.state.channels.get(channelId);
    if (!channel) throw apiErrors.unknownChannel();
    return channel;
  }

  /** A message as channel routes see it: ephemeral messages do not exist there. */
  find(channelId: string, messageId: string): MessageRecord {
    this.channel(channelId);
    const record = this.hub.state.messages.get(messageId);
    if (!record || record.data.channel_id !== channelId || record.visibleTo) throw apiErrors.unknownMessage();
    return record;
  }

  create(spec: NewMessage): MessageRecord {
    const { state } = this.hub;
    const channel = this.channel(spec.channelId);
    const files = spec.files ?? [];
    validateMessageInput(spec.input, { creating: !spec.loading, fileCount: files.length });
    const reference = this.reference(spec);
    const attachments = resolveAttachments(state, this.hub.baseUrl(), channel.id, [], spec.input, files);
    const flags = ((spec.input.flags ?? 0) | (spec.loading ? FLAG_LOADING : 0)) >>> 0;
    const interaction = spec.interaction;
    // threads.mdx: "Sending a message will automatically unarchive the thread" (an ephemeral answer is
    // not in the thread for anyone else: it does not count).
    if ((flags & FLAG_EPHEMERAL) === 0) this.archive.beforeSend(channel.id);
    const data: APIMessage = {
      id: state.nextId(),
      channel_id: channel.id,
      author: spec.author,
      content: spec.input.content ?? '',
      timestamp: new Date(this.hub.now()).toISOString(),
      edited_timestamp: null,
      tts: spec.input.tts ?? false,
      mention_everyone: false,
      mentions: this.mentions(spec.input.content),
      mention_roles: [],
      attachments,
      embeds: resolveEmbedAttachments(spec.input.embeds ?? [], attachments),
      components: spec.input.components ?? [],
      pinned: false,
      type: (spec.type ?? (reference ? 19 : 0)) as MessageType,
      flags: flags as MessageFlags,
      ...(spec.input.nonce !== undefined ? { nonce: spec.input.nonce } : {}),
      ...(spec.webhookId ? { webhook_id: spec.webhookId, application_id: state.applicationId } : {}),
      ...(reference
        ? {
            message_reference: {
              type: 0,
              message_id: reference.data.id,
              channel_id: channel.id,
              guild_id: guildIdOf(channel) ?? '',
            },
            referenced_message: this.render(reference),
          }
        : {}),
      ...(interaction ? { interaction_metadata: this.metadata(interaction) } : {}),
    };
    const record: MessageRecord = {
      data,
      guildId: guildIdOf(channel),
      visibleTo: flags & FLAG_EPHEMERAL ? (interaction?.userId ?? null) : null,
      reactions: new Map(),
    };
    state.messages.set(data.id, record);
    if (!record.visibleTo) {
      state.channelMessages.get(channel.id)?.push(data.id);
      channel.last_message_id = data.id;
      if ('message_count' in channel) channel.message_count = (channel.message_count ?? 0) + 1;
    }
    this.announce('create', record);
    return record;
  }

  edit(record: MessageRecord, input: MessageInput, files: readonly UploadedFile[] = []): MessageRecord {
    validateMessageInput(input, { creating: false, fileCount: files.length });
    const old = record.data;
    const attachments = resolveAttachments(
      this.hub.state,
      this.hub.baseUrl(),
      old.channel_id,
      old.attachments,
      input,
      files,
    );
    const oldFlags = old.flags ?? 0;
    const wasLoading = (oldFlags & FLAG_LOADING) !== 0;
    const flags =
      input.flags === undefined ? oldFlags : (oldFlags & ~EDITABLE_FLAGS) | (input.flags & EDITABLE_FLAGS);
    record.data = {
      ...old,
      content: input.content ?? old.content,
      ...(input.content !== undefined ? { mentions: this.mentions(input.content) } : {}),
      embeds: resolveEmbedAttachments(input.embeds ?? old.embeds, attachments),
      components: input.components ?? old.components ?? [],
      attachments,
      flags: ((flags & ~FLAG_LOADING) >>> 0) as MessageFlags,
      // Completing a deferred ("thinking…") response is not an edit in Discord's eyes.
      edited_timestamp: wasLoading ? old.edited_timestamp : new Date(this.hub.now()).toISOString(),
    };
    this.announce('update', record);
    return record;
  }

  remove(record: MessageRecord): void {
    const { state } = this.hub;
    const { id, channel_id } = record.data;
    state.messages.delete(id);
    const ids = state.channelMessages.get(channel_id);
    const at = ids?.indexOf(id) ?? -1;
    if (ids && at >= 0) ids.splice(at, 1);
    this.hub.emit('message', this.event('delete', record));
    if (record.visibleTo) return;
    const data = { id, channel_id, ...(record.guildId ? { guild_id: record.guildId } : {}) };
    this.hub.dispatch('MESSAGE_DELETE', data, { guildId: record.guildId, intent: INTENTS.GuildMessages });
  }

  /** The message as the bot sees it (reactions counted, `me` meaning the bot). */
  render(record: MessageRecord): APIMessage {
    if (record.reactions.size === 0) return record.data;
    const botId = this.hub.state.botUser.id;
    const reactions = [...record.reactions.values()].map((r) => ({
      emoji: r.emoji,
      count: r.userIds.length,
      count_details: { burst: 0, normal: r.userIds.length },
      me: r.userIds.includes(botId),
      me_burst: false,
      burst_colors: [],
    }));
    return { ...record.data, reactions };
  }

  /** Newest first, as Discord pages them (limit 1-100, before/after/around a message id). */
  list(channelId: string, query: URLSearchParams): APIMessage[] {
    this.channel(channelId);
    const ids = this.hub.state.channelMessages.get(channelId) ?? [];
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
    const before = query.get('before');
    const after = query.get('after');
    const around = query.get('around');
    let picked: string[];
    if (after) picked = ids.filter((id) => BigInt(id) > BigInt(after)).slice(0, limit);
    else if (around) {
      const at = Math.max(
        0,
        ids.findIndex((id) => BigInt(id) >= BigInt(around)),
      );
      const start = Math.max(0, at - Math.floor(limit / 2));
      picked = ids.slice(start, start + limit);
    } else {
      const older = before ? ids.filter((id) => BigInt(id) < BigInt(before)) : ids;
      picked = older.slice(-limit);
    }
    return picked.reverse().flatMap((id) => {
      const record = this.hub.state.messages.get(id);
      return record ? [this.render(record)] : [];
    });
  }

  /** Tells listeners, and (unless ephemeral) the gateway, that a message changed. */
  announce(type: 'create' | 'update', record: MessageRecord): void {
    this.hub.emit('message', this.event(type, record));
    if (record.visibleTo) return;
    const event = type === 'create' ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE';
    this.hub.dispatch(event, this.gatewayData(record), {
      guildId: record.guildId,
      intent: record.guildId ? INTENTS.GuildMessages : INTENTS.DirectMessages,
      redact: (data) => this.redactContent(record, data),
    });
  }

  private event(type: 'create' | 'update' | 'delete', record: MessageRecord) {
    return {
      type,
      channelId: record.data.channel_id,
      message: this.render(record),
      ...(record.visibleTo ? { visibleTo: record.visibleTo } : {}),
    };
  }

  private gatewayData(record: MessageRecord): GatewayMessageCreateDispatchData {
    const guild = record.guildId ? this.hub.state.guilds.get(record.guildId) : undefined;
    const member = guild && renderMemberNoUser(this.hub.state, guild, record.data.author.id);
    const channel = this.hub.state.channels.get(record.data.channel_id);
    return {
      ...this.render(record),
      ...(guild ? { guild_id: guild.id } : {}),
      ...(member ? { member } : {}),
      ...(channel ? { channel_type: channel.type } : {}),
    };
  }

  /** Without the MessageContent intent, bots see content only of their own messages and mentions. */
  private redactContent(record: MessageRecord, data: object): object {
    const { author, mentions } = record.data;
    const botId = this.hub.state.botUser.id;
    if (author.id === botId || mentions.some((m) => m.id === botId)) return data;
    return { ...data, content: '', embeds: [], attachments: [], components: [] };
  }

  private reference(spec: NewMessage): MessageRecord | undefined {
    const ref = spec.input.message_reference;
    if (!ref?.message_id) return undefined;
    const target = this.hub.state.messages.get(ref.message_id);
    if (target && target.data.channel_id === (ref.channel_id ?? spec.channelId)) return target;
    if (ref.fail_if_not_exists === false) return undefined;
    throw formError(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
  }

  private mentions(content: string | undefined): APIUser[] {
    const ids = new Set([...(content ?? '').matchAll(MENTION)].map((m) => m[1] ?? ''));
    return [...ids].flatMap((id) => this.hub.state.users.get(id) ?? []);
  }

  private metadata(interaction: InteractionRecord): NonNullable<APIMessage['interaction_metadata']> {
    const user = this.hub.state.users.get(interaction.userId) ?? this.hub.state.botUser;
    const owners = interaction.payload.authorizing_integration_owners;
    // resources/message.mdx "Message Component Interaction Metadata Structure": a component's interaction
    // names the message it was used on (interacted_message_id, required in discord-api-spec as well).
    const interacted =
      interaction.type === 3 && interaction.messageId ? { interacted_message_id: interaction.messageId } : {};
    return {
      id: interaction.id,
      type: interaction.type as 2,
      user,
      authorizing_integration_owners: owners,
      ...interacted,
    };
  }
}
