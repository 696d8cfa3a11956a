import type {
  APIApplication,
  APIGuild,
  APIGuildMember,
  APIGuildMemberNoUser,
  APIInteractionGuildMember,
  APITextChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
  Locale,
} from 'discord.js';
import { PERMISSION } from './permissions.js';
import type { EmulatorState, GuildRecord } from './state.js';

/** A guild member as Discord sends it. */
export function renderMember(
  state: EmulatorState,
  guild: GuildRecord,
  userId: string,
): APIGuildMember | undefined {
  const roles = guild.members.get(userId);
  const user = state.users.get(userId);
  if (!roles || !user) return undefined;
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [...roles],
    joined_at: guild.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    communication_disabled_until: null,
    flags: 0 as APIGuildMember['flags'],
  };
}

/** MESSAGE_CREATE's member: the user is the message author, so it is left out. */
export function renderMemberNoUser(
  state: EmulatorState,
  guild: GuildRecord,
  userId: string,
): APIGuildMemberNoUser | undefined {
  const member = renderMember(state, guild, userId);
  if (!member) return undefined;
  const { user: _user, ...rest } = member;
  return rest;
}

/**
 * An interaction's member: `permissions` are the member's in the interaction's channel, overwrites
 * included (interactions/receiving-and-responding.mdx, interaction member object).
 */
export function renderInteractionMember(
  state: EmulatorState,
  guild: GuildRecord,
  user: APIUser,
  channelId: string,
): APIInteractionGuildMember | undefined {
  const member = renderMember(state, guild, user.id);
  if (!member) return undefined;
  const permissions = state.channelPermissionsOf(channelId, user.id) ?? state.permissionsOf(guild, user.id);
  return { ...member, user, permissions: permissions.toString() };
}

/** The guild object of GET /guilds/:id. */
export function renderGuild(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channelIds[0] ?? null,
    system_channel_flags: 0 as APIGuild['system_channel_flags'],
    rules_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.locale as Locale,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    hub_type: null,
    incidents_data: null,
  };
}

/** Text channels of a guild (threads are listed apart in GUILD_CREATE). */
export function guildChannels(state: EmulatorState, guild: GuildRecord): APITextChannel[] {
  return guild.channelIds.flatMap((id) => {
    const channel = state.channels.get(id);
    return channel?.type === 0 ? [channel] : [];
  });
}

/**
 * GUILD_CREATE: the guild with its channels, threads, roles and members (what discord.js caches).
 * `withPresences`: the session identified with GUILD_PRESENCES. Without it Discord sends only the bot's
 * own member (and users in voice channels, which the sandbox has none of): gateway-events.mdx "Guild
 * Create", the warning under "Guild Create Extra Fields". `member_count` stays the guild's total.
 */
export function renderGuildCreate(
  state: EmulatorState,
  guild: GuildRecord,
  withPresences: boolean,
): GatewayGuildCreateDispatchData {
  const ids = withPresences ? [...guild.members.keys()] : [state.botUser.id];
  const members = ids.flatMap((id) => renderMember(state, guild, id) ?? []);
  // gateway-events.mdx "Guild Create" `threads`: "All active threads in the guild that current user has
  // permission to view" (archived ones are not synced up front: threads.mdx "Active & Archived Threads").
  const threads = guild.channelIds.flatMap((id) => {
    const channel = state.channels.get(id);
    if (!channel || (channel.type !== 11 && channel.type !== 12) || channel.thread_metadata?.archived)
      return [];
    const view = state.channelPermissionsOf(id, state.botUser.id) ?? 0n;
    return (view & PERMISSION.VIEW_CHANNEL) !== 0n ? [channel] : [];
  });
  return {
    ...renderGuild(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members,
    channels: guildChannels(state, guild),
    threads,
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function renderApplication(state: EmulatorState): APIApplication {
  return {
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: 'Atelier (Discord emulator)',
    bot_public: true,
    bot_require_code_grant: false,
    bot: state.botUser,
    summary: '',
    verify_key: '0'.repeat(64),
    team: null,
    flags: 0 as APIApplication['flags'],
    flags_new: '0',
  };
}

/**
 * `app_permissions`: what the bot may do where the interaction comes from, overwrites included; in DMs
 * ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE (interactions/receiving-and-responding.mdx, interaction
 * object: app_permissions).
 */
export function appPermissions(state: EmulatorState, channelId: string): string {
  const inGuild = state.channelPermissionsOf(channelId, state.botUser.id);
  return (
    inGuild ?? PERMISSION.ATTACH_FILES | PERMISSION.EMBED_LINKS | PERMISSION.MENTION_EVERYONE
  ).toString();
}
