import { randomBytes } from 'node:crypto';
import type { APIInteraction, APIUser, Locale } from 'discord.js';
import { appPermissions, renderInteractionMember } from './render-guild.js';
import type { Services } from './services.js';
import type { ChannelRecord, GuildRecord, MessageRecord } from './state.js';
import type { InteractionHandle } from './types.js';
import { EmulatorUsageError } from './usage-error.js';

export interface InteractionOrigin {
  user: APIUser;
  channel: ChannelRecord;
  guild: GuildRecord | undefined;
  /** For components (and modals opened from one): the message, sent along as discord.js requires. */
  message?: MessageRecord;
}

/** Discord's attachment_size_limit for unboosted guilds (10 MiB). */
const ATTACHMENT_LIMIT = 10 * 1024 * 1024;

/**
 * Builds the INTERACTION_CREATE payload (with every field discord.js 14 needs, or it drops the
 * event silently), records it, and dispatches it to the shard that owns the guild.
 */
export function sendInteraction(
  s: Services,
  type: 2 | 3 | 4 | 5,
  data: object,
  origin: InteractionOrigin,
  name: string,
): InteractionHandle {
  const { state } = s.hub;
  const { user, channel, guild, message } = origin;
  const member = guild && renderInteractionMember(state, guild, user, channel.id);
  if (guild && !member) throw new EmulatorUsageError(`user ${user.id} is not a member of guild ${guild.id}`);
  const payload = {
    id: state.nextId(),
    application_id: state.applicationId,
    type,
    data,
    token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
    version: 1,
    channel_id: channel.id,
    channel: {
      ...channel,
      ...(guild ? { permissions: (state.channelPermissionsOf(channel.id, user.id) ?? 0n).toString() } : {}),
    },
    ...(guild && member
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.locale, features: [] },
          guild_locale: guild.locale as Locale,
          member,
        }
      : { user }),
    app_permissions: appPermissions(state, channel.id),
    locale: 'en-US' as Locale,
    entitlements: [],
    authorizing_integration_owners: guild ? { 0: guild.id } : { 1: user.id },
    context: guild ? 0 : 1,
    attachment_size_limit: ATTACHMENT_LIMIT,
    ...(message ? { message: s.messages.render(message) } : {}),
  } as unknown as APIInteraction;
  const record = s.interactions.register({
    payload,
    name,
    userId: user.id,
    channelId: channel.id,
    guildId: guild?.id ?? null,
    messageId: message?.data.id ?? null,
  });
  record.deliveredTo = s.hub.dispatch('INTERACTION_CREATE', payload, {
    guildId: record.guildId,
    intent: null,
  });
  s.interactions.changed(record);
  return { interactionId: record.id, token: record.token };
}
