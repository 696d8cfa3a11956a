import type { APIThreadChannel, MessageFlags, ThreadAutoArchiveDuration } from 'discord.js';
import { formError } from './form-errors.js';
import { apiErrors } from './http-io.js';
import { type EmulatorHub, INTENTS } from './hub.js';
import { assertObject } from './message-body.js';
import type { MessageService } from './messages.js';

const HAS_THREAD = 1 << 5;
const DURATIONS = new Set([60, 1440, 4320, 10080]);

/** Threads from a message (the thread takes the message's id, as in Discord) or standalone. */
export class ThreadService {
  constructor(
    private readonly hub: EmulatorHub,
    private readonly messages: MessageService,
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
    this.hub.dispatch(
      'THREAD_CREATE',
      { ...thread, newly_created: true },
      { guildId: thread.guild_id ?? null, intent: INTENTS.Guilds },
    );
    return thread;
  }
}
