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
import { ALL_PERMISSIONS } from './permissions.js';
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

export function renderInteractionMember(
  state: EmulatorState,
  guild: GuildRecord,
  user: APIUser,
): APIInteractionGuildMember | undefined {
  const member = renderMember(state, guild, user.id);
  if (!member) return undefined;
  return { ...member, user, permissions: state.permissionsOf(guild, user.id).toString() };
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

/** GUILD_CREATE: the guild with its channels, threads, roles and members (what discord.js caches). */
export function renderGuildCreate(state: EmulatorState, guild: GuildRecord): GatewayGuildCreateDispatchData {
  const members = [...guild.members.keys()].flatMap((id) => renderMember(state, guild, id) ?? []);
  const threads = guild.channelIds.flatMap((id) => {
    const channel = state.channels.get(id);
    return channel && channel.type !== 0 ? [channel] : [];
  });
  return {
    ...renderGuild(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
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

/** Permissions the bot has in an interaction's channel (administrator in every seeded guild). */
export const APP_PERMISSIONS = ALL_PERMISSIONS.toString();
