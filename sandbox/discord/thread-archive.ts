import type { APIThreadChannel } from 'discord.js';
import { apiErrors } from './http-io.js';
import { type EmulatorHub, INTENTS } from './hub.js';
import type { ChannelRecord } from './state.js';

const MINUTE_MS = 60_000;

export const isThread = (channel: ChannelRecord | undefined): channel is APIThreadChannel =>
  channel?.type === 11 || channel?.type === 12;

/**
 * Threads that archive, as Discord's do (developers/topics/threads.mdx "Active & Archived Threads"): a
 * thread archives after `auto_archive_duration` minutes without activity ("sending a message, unarchiving
 * a thread, or changing the auto-archive time"); in an archived thread nobody can edit messages or add
 * reactions ("only active threads can be manipulated": 50083, opcodes-and-status-codes.mdx), deleting
 * messages still works, and sending a message unarchives it. Archiving and unarchiving send THREAD_UPDATE
 * with the full channel, unarchiving then THREAD_MEMBER_UPDATE to its members ("Unarchiving a Thread").
 */
export class ThreadArchive {
  /** Last activity per thread (epoch ms). */
  private readonly activity = new Map<string, number>();

  constructor(private readonly hub: EmulatorHub) {}

  thread(channelId: string): APIThreadChannel | undefined {
    const channel = this.hub.state.channels.get(channelId);
    return isThread(channel) ? channel : undefined;
  }

  isArchived(channelId: string): boolean {
    return this.thread(channelId)?.thread_metadata?.archived === true;
  }

  /** For edits and reactions: 400 50083 in an archived thread. */
  assertActive(channelId: string): void {
    if (this.isArchived(channelId)) throw apiErrors.threadArchived();
  }

  /** Something happened in the thread that counts as activity (a new one, a message, a new duration). */
  touch(channelId: string): void {
    if (this.thread(channelId)) this.activity.set(channelId, this.hub.now());
  }

  /** A message is about to be sent in the channel: an archived thread unarchives first. */
  beforeSend(channelId: string): void {
    if (this.isArchived(channelId)) this.unarchive(channelId);
    this.touch(channelId);
  }

  archive(channelId: string): boolean {
    const thread = this.thread(channelId);
    if (!thread?.thread_metadata || thread.thread_metadata.archived) return false;
    thread.thread_metadata.archived = true;
    // threads.mdx "Thread Fields": archive_timestamp changes when archiving or unarchiving.
    thread.thread_metadata.archive_timestamp = new Date(this.hub.now()).toISOString();
    this.update(thread);
    return true;
  }

  unarchive(channelId: string): boolean {
    const thread = this.thread(channelId);
    if (!thread?.thread_metadata?.archived) return false;
    thread.thread_metadata.archived = false;
    thread.thread_metadata.archive_timestamp = new Date(this.hub.now()).toISOString();
    this.touch(channelId);
    this.update(thread);
    // The bot is a member of the threads it started (the only membership the sandbox tracks).
    if (thread.owner_id === this.hub.state.botUser.id) {
      const member = {
        id: thread.id,
        user_id: thread.owner_id,
        join_timestamp: thread.thread_metadata.create_timestamp ?? thread.thread_metadata.archive_timestamp,
        flags: 0,
        guild_id: thread.guild_id,
      };
      this.hub.dispatch('THREAD_MEMBER_UPDATE', member, {
        guildId: thread.guild_id ?? null,
        intent: INTENTS.Guilds,
      });
    }
    return true;
  }

  /** Archives every active thread idle for its auto-archive duration at `now`; returns their ids. */
  sweep(now = this.hub.now()): string[] {
    const archived: string[] = [];
    for (const [id, at] of this.activity) {
      const minutes = this.thread(id)?.thread_metadata?.auto_archive_duration;
      if (minutes === undefined) {
        this.activity.delete(id);
        continue;
      }
      if (!this.isArchived(id) && now - at >= minutes * MINUTE_MS && this.archive(id)) archived.push(id);
    }
    return archived;
  }

  /** Lets `ms` of idleness pass for every thread (their last activity moves back), then sweeps. */
  age(ms: number): string[] {
    for (const [id, at] of this.activity) this.activity.set(id, at - ms);
    return this.sweep();
  }

  clear(): void {
    this.activity.clear();
  }

  private update(thread: APIThreadChannel): void {
    this.hub.dispatch('THREAD_UPDATE', thread, { guildId: thread.guild_id ?? null, intent: INTENTS.Guilds });
  }
}
