import { type Client, PermissionFlagsBits } from 'discord.js';
import type { Logger } from '../../core/logger.js';

/**
 * Whether a guild member has Manage Server (what makes an Atelier admin on Discord). Reactions carry no
 * permissions, so the member and the guild's roles are read from discord.js's cache (GUILD_CREATE fills
 * it), fetched over REST when missing. Any doubt answers no.
 */
export async function isGuildAdmin(
  client: Client,
  guildId: string | null,
  userId: string,
  log: Logger,
): Promise<boolean> {
  if (!guildId) return false;
  try {
    const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId));
    const member = await guild.members.fetch(userId);
    return member.permissions.has(PermissionFlagsBits.ManageGuild);
  } catch (error) {
    log.debug({ err: error, guildId, userId }, 'could not read a member’s permissions');
    return false;
  }
}
