import type {
  APIApplicationCommand,
  APIDMChannel,
  APIMessage,
  APIOverwrite,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
} from 'discord.js';
import {
  ADMINISTRATOR,
  applyOverwrites,
  EVERYONE_PERMISSIONS,
  effectivePermissions,
  INVITED_BOT_PERMISSIONS,
} from './permissions.js';
import type { SnowflakeFactory } from './snowflake.js';
import type { GuildInfo, GuildSeed, UserSeed } from './types.js';

export interface GuildRecord {
  id: string;
  name: string;
  locale: string;
  ownerId: string;
  joinedAt: string;
  roles: APIRole[];
  /** Member ids in join order, with their role ids (@everyone is implied). */
  members: Map<string, string[]>;
  /** Text channels and threads, in creation order. */
  channelIds: string[];
}

export type ChannelRecord = APITextChannel | APIThreadChannel | APIDMChannel;

/** The guild a channel belongs to (null for DMs). */
export const guildIdOf = (channel: ChannelRecord): string | null =>
  ('guild_id' in channel ? channel.guild_id : undefined) ?? null;

export interface ReactionRecord {
  emoji: { id: string | null; name: string | null };
  userIds: string[];
}

export interface MessageRecord {
  /** The message as Discord stores it, minus reactions (rendered per viewer). */
  data: APIMessage;
  guildId: string | null;
  /** Ephemeral messages: the one user who sees them; they are invisible to channel routes. */
  visibleTo: string | null;
  reactions: Map<string, ReactionRecord>;
}

export interface AttachmentBlob {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

export const DEFAULT_USERS: readonly UserSeed[] = [
  { username: 'ada', globalName: 'Ada', admin: true },
  { username: 'grace', globalName: 'Grace' },
  { username: 'linus', globalName: 'Linus' },
];

export const DEFAULT_GUILDS: readonly GuildSeed[] = [
  { name: 'Atelier Sandbox', channels: ['general', 'art'] },
];

export interface StateOptions {
  nextId: SnowflakeFactory;
  applicationId?: string | undefined;
  botUsername?: string | undefined;
  users?: readonly UserSeed[] | undefined;
  guilds?: readonly GuildSeed[] | undefined;
}

const user = (id: string, username: string, globalName: string | null, bot = false): APIUser =>
  ({
    id,
    username,
    discriminator: '0',
    global_name: globalName,
    avatar: null,
    // discord-api-spec UserResponse requires these three (flags 0: no badges; no primary guild).
    public_flags: 0,
    flags: 0,
    primary_guild: null,
    ...(bot ? { bot: true } : {}),
  }) as unknown as APIUser;

/** Everything the emulated Discord knows: the application, people, guilds, channels, messages, commands. */
export class EmulatorState {
  readonly nextId: SnowflakeFactory;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly channelMessages = new Map<string, string[]>();
  readonly blobs = new Map<string, AttachmentBlob>();
  /** Registered commands by guild id ('' for global ones). */
  readonly commands = new Map<string, APIApplicationCommand[]>();
  private readonly seededChannels = new Set<string>();

  constructor(options: StateOptions) {
    this.nextId = options.nextId;
    this.applicationId = options.applicationId ?? this.nextId();
    this.botUser = user(this.applicationId, options.botUsername ?? 'Atelier', null, true);
    this.users.set(this.botUser.id, this.botUser);
    const seeds = options.users ?? DEFAULT_USERS;
    const admins = new Set<string>();
    for (const seed of seeds) {
      const created = user(seed.id ?? this.nextId(), seed.username, seed.globalName ?? null);
      this.users.set(created.id, created);
      if (seed.admin) admins.add(created.id);
    }
    for (const seed of options.guilds ?? DEFAULT_GUILDS) this.seedGuild(seed, seeds, admins);
  }

  private seedGuild(seed: GuildSeed, userSeeds: readonly UserSeed[], admins: Set<string>): void {
    const id = seed.id ?? this.nextId();
    const everyone = role(id, '@everyone', EVERYONE_PERMISSIONS, 0);
    const botPermissions = seed.botPermissions ?? INVITED_BOT_PERMISSIONS;
    const botRole = { ...role(this.nextId(), this.botUser.username, botPermissions, 2), managed: true };
    botRole.tags = { bot_id: this.botUser.id };
    const adminRole = role(this.nextId(), 'Admin', ADMINISTRATOR, 1);
    const wanted = new Set(seed.members ?? userSeeds.map((u) => u.username));
    const members = new Map<string, string[]>([[this.botUser.id, [botRole.id]]]);
    for (const u of this.users.values()) {
      if (u.bot || !wanted.has(u.username)) continue;
      members.set(u.id, admins.has(u.id) ? [adminRole.id] : []);
    }
    const ownerId =
      [...members.keys()].find((m) => admins.has(m)) ?? [...members.keys()][1] ?? this.botUser.id;
    const guild: GuildRecord = {
      id,
      name: seed.name,
      locale: seed.locale ?? 'en-US',
      ownerId,
      joinedAt: new Date().toISOString(),
      roles: [everyone, adminRole, botRole],
      members,
      channelIds: [],
    };
    this.guilds.set(id, guild);
    for (const [position, name] of (seed.channels ?? ['general', 'art']).entries()) {
      const channel: APITextChannel = {
        id: this.nextId(),
        type: 0,
        guild_id: id,
        name,
        position,
        parent_id: null,
        topic: null,
        nsfw: seed.nsfwChannels?.includes(name) ?? false,
        rate_limit_per_user: 0,
        last_message_id: null,
        permission_overwrites: [],
      };
      this.addChannel(channel);
      this.seededChannels.add(channel.id);
    }
  }

  addChannel(channel: ChannelRecord): void {
    this.channels.set(channel.id, channel);
    this.channelMessages.set(channel.id, []);
    const guildId = guildIdOf(channel);
    if (guildId) this.guilds.get(guildId)?.channelIds.push(channel.id);
  }

  /** Marks a text channel age-restricted or not; returns the changed channel (undefined: not a text channel). */
  setChannelNsfw(channelId: string, nsfw: boolean): APITextChannel | undefined {
    const channel = this.channels.get(channelId);
    if (channel?.type !== 0) return undefined;
    channel.nsfw = nsfw;
    return channel;
  }

  /**
   * Replaces a text channel's permission overwrites, as a server admin would; returns the changed channel
   * (undefined: not a text channel). Threads follow their parent's.
   */
  setPermissionOverwrites(channelId: string, overwrites: APIOverwrite[]): APITextChannel | undefined {
    const channel = this.channels.get(channelId);
    if (channel?.type !== 0) return undefined;
    channel.permission_overwrites = overwrites.map((o) => ({ ...o }));
    return channel;
  }

  guildOfChannel(channelId: string): GuildRecord | undefined {
    const channel = this.channels.get(channelId);
    const guildId = channel && guildIdOf(channel);
    return guildId ? this.guilds.get(guildId) : undefined;
  }

  /**
   * A member's permissions in a guild channel (undefined outside guilds): their roles', then the channel's
   * overwrites. A thread has no overwrites of its own: it inherits its parent's (permissions.mdx
   * "Inherited Permissions (Threads)"). (The guild owner's implicit ALL is not modelled: seeded owners are
   * admins.)
   */
  channelPermissionsOf(channelId: string, userId: string): bigint | undefined {
    const channel = this.channels.get(channelId);
    const guild = this.guildOfChannel(channelId);
    if (!channel || !guild) return undefined;
    const parent =
      channel.type === 0 ? channel : this.channels.get(('parent_id' in channel && channel.parent_id) || '');
    return applyOverwrites(
      this.permissionsOf(guild, userId),
      parent?.type === 0 ? parent.permission_overwrites : undefined,
      { guildId: guild.id, roleIds: guild.members.get(userId) ?? [], userId },
    );
  }

  /** The DM channel between the bot and a user, opened on first use (POST /users/@me/channels). */
  openDm(userId: string): APIDMChannel {
    for (const channel of this.channels.values())
      if (channel.type === 1 && channel.recipients?.some((u) => u.id === userId)) return channel;
    const recipient = this.users.get(userId);
    if (!recipient) throw new Error(`no user ${userId}`);
    const dm: APIDMChannel = {
      id: this.nextId(),
      type: 1,
      name: null,
      last_message_id: null,
      recipients: [recipient],
    };
    this.addChannel(dm);
    return dm;
  }

  permissionsOf(guild: GuildRecord, userId: string): bigint {
    const roleIds = new Set([guild.id, ...(guild.members.get(userId) ?? [])]);
    return effectivePermissions(
      guild.roles.filter((r) => roleIds.has(r.id)).map((r) => BigInt(r.permissions)),
    );
  }

  guildInfo(guild: GuildRecord): GuildInfo {
    const channels: Record<string, string> = {};
    for (const id of guild.channelIds) {
      const channel = this.channels.get(id);
      if (channel?.name && !(channel.name in channels)) channels[channel.name] = id;
    }
    return { id: guild.id, name: guild.name, channels, memberIds: [...guild.members.keys()] };
  }

  /** Forgets messages, uploads and threads; keeps people, guilds, seeded channels and commands. */
  clearActivity(): void {
    this.messages.clear();
    this.blobs.clear();
    for (const [id, channel] of this.channels) {
      if (!this.seededChannels.has(id)) {
        this.channels.delete(id);
        this.channelMessages.delete(id);
        continue;
      }
      this.channelMessages.set(id, []);
      channel.last_message_id = null;
    }
    for (const guild of this.guilds.values()) {
      guild.channelIds = guild.channelIds.filter((id) => this.seededChannels.has(id));
    }
  }
}

function role(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    // Bit-flag enums have no 0 member.
    flags: 0 as APIRole['flags'],
  };
}
