import type { APIThreadChannel, MessageFlags, ThreadAutoArchiveDuration } from 'discord.js';
import { formError } from './form-errors.js';
import { apiErrors } from './http-io.js';
import { type EmulatorHub, INTENTS } from './hub.js';
import { assertObject } from './message-body.js';
import type { MessageService } from './messages.js';
import { PERMISSION } from './permissions.js';
import type { ChannelRecord } from './state.js';
import { isThread, type ThreadArchive } from './thread-archive.js';

const HAS_THREAD = 1 << 5;
const DURATIONS = new Set([60, 1440, 4320, 10080]);

/** Threads from a message (the thread takes the message's id, as in Discord) or standalone; they archive. */
export class ThreadService {
  constructor(
    private readonly hub: EmulatorHub,
    private readonly messages: MessageService,
    readonly archive: ThreadArchive,
  ) {}

  fromMessage(channelId: string, messageId: string, body: unknown): APIThreadChannel {
    const record = this.messages.find(channelId, messageId);
    if (record.data.thread || this.hub.state.channels.has(messageId)) throw apiErrors.threadExists();
    const thread = this.create(channelId, messageId, 11, body);
    record.data = { ...record.data, thread, flags: ((record.data.flags ?? 0) | HAS_THREAD) as MessageFlags };
    this.messages.announce('update', record);
    return thread;
  }

  standalone(channelId: string, body: unknown): APIThreadChannel {
    const type = (assertObject(body ?? {}, 'body').type as number | undefined) ?? 12;
    if (type !== 11 && type !== 12) {
      throw formError(['type'], 'BASE_TYPE_CHOICES', 'Value must be one of {11, 12}.');
    }
    return this.create(channelId, this.hub.state.nextId(), type, body);
  }

  private create(parentId: string, id: string, type: 11 | 12, body: unknown): APIThreadChannel {
    const parent = this.messages.channel(parentId);
    if (parent.type !== 0) throw apiErrors.unknownChannel();
    const input = assertObject(body ?? {}, 'body');
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length < 1 || name.length > 100) {
      throw formError(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    const duration = Number(input.auto_archive_duration ?? 1440);
    const now = new Date(this.hub.now()).toISOString();
    const thread: APIThreadChannel = {
      id,
      type,
      guild_id: parent.guild_id ?? '',
      parent_id: parent.id,
      owner_id: this.hub.state.botUser.id,
      name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: Number(input.rate_limit_per_user ?? 0),
      // channel.mdx "Channel Structure" flags?: none set (PINNED is for forum posts); the spec's ThreadResponse requires it.
      flags: 0 as NonNullable<APIThreadChannel['flags']>,
      thread_metadata: {
        archived: false,
        auto_archive_duration: (DURATIONS.has(duration) ? duration : 1440) as ThreadAutoArchiveDuration,
        archive_timestamp: now,
        create_timestamp: now,
        locked: false,
        ...(type === 12 ? { invitable: input.invitable !== false } : {}),
      },
    };
    this.hub.state.addChannel(thread);
    this.archive.touch(thread.id);
    this.hub.dispatch(
      'THREAD_CREATE',
      { ...thread, newly_created: true },
      { guildId: thread.guild_id ?? null, intent: INTENTS.Guilds },
    );
    return thread;
  }

  /**
   * PATCH /channels/:id, as the bot uses it on threads (channel.mdx "Modify Channel", thread fields;
   * threads.mdx "Editing & Deleting Threads"): `archived`, `auto_archive_duration` and `name` need
   * MANAGE_THREADS or to have started the thread (unarchiving only needs membership, which here means the
   * same); `locked` needs MANAGE_THREADS. Anything else in an archived thread is refused with 50083.
   * Other channels need MANAGE_CHANNELS, which the sandbox's bot role lacks.
   */
  modify(channelId: string, body: unknown, actorId: string): ChannelRecord {
    const channel = this.messages.channel(channelId);
    const permissions = this.hub.state.channelPermissionsOf(channelId, actorId) ?? 0n;
    const may = (bit: bigint) => (permissions & bit) !== 0n;
    if (!isThread(channel) || !channel.thread_metadata) {
      if (!may(PERMISSION.MANAGE_CHANNELS)) throw apiErrors.missingPermissions();
      return channel;
    }
    const input = assertObject(body ?? {}, 'body');
    const moderator = may(PERMISSION.MANAGE_THREADS);
    if (!moderator && channel.owner_id !== actorId) throw apiErrors.missingPermissions();
    if (input.locked !== undefined && !moderator) throw apiErrors.missingPermissions();
    const unarchiving = input.archived === false;
    if (channel.thread_metadata.archived && !unarchiving) throw apiErrors.threadArchived();
    if (input.auto_archive_duration !== undefined) {
      const duration = Number(input.auto_archive_duration);
      if (!DURATIONS.has(duration))
        throw formError(
          ['auto_archive_duration'],
          'BASE_TYPE_CHOICES',
          'Value must be one of {60, 1440, 4320, 10080}.',
        );
      channel.thread_metadata.auto_archive_duration = duration as ThreadAutoArchiveDuration;
      this.archive.touch(channel.id);
    }
    if (typeof input.name === 'string' && input.name.trim()) channel.name = input.name.trim().slice(0, 100);
    if (typeof input.locked === 'boolean') channel.thread_metadata.locked = input.locked;
    if (unarchiving && this.archive.unarchive(channel.id)) return channel;
    if (input.archived === true && this.archive.archive(channel.id)) return channel;
    this.hub.dispatch('THREAD_UPDATE', channel, {
      guildId: channel.guild_id ?? null,
      intent: INTENTS.Guilds,
    });
    return channel;
  }
}
