import type {
  APIApplicationCommand,
  APIMessage,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
} from 'discord.js';
import { ADMINISTRATOR, EVERYONE_PERMISSIONS, effectivePermissions } from './permissions.js';
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

export type ChannelRecord = APITextChannel | APIThreadChannel;

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

const user = (id: string, username: string, globalName: string | null, bot = false): APIUser => ({
  id,
  username,
  discriminator: '0',
  global_name: globalName,
  avatar: null,
  ...(bot ? { bot: true } : {}),
});

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
    const botRole = { ...role(this.nextId(), this.botUser.username, ADMINISTRATOR, 2), managed: true };
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
    if (channel.guild_id) this.guilds.get(channel.guild_id)?.channelIds.push(channel.id);
  }

  /** Marks a text channel age-restricted or not; returns the changed channel (undefined: not a text channel). */
  setChannelNsfw(channelId: string, nsfw: boolean): APITextChannel | undefined {
    const channel = this.channels.get(channelId);
    if (channel?.type !== 0) return undefined;
    channel.nsfw = nsfw;
    return channel;
  }

  guildOfChannel(channelId: string): GuildRecord | undefined {
    const guildId = this.channels.get(channelId)?.guild_id;
    return guildId ? this.guilds.get(guildId) : undefined;
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
      if (channel && !(channel.name in channels)) channels[channel.name] = id;
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
