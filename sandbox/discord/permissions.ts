import type { APIOverwrite } from 'discord.js';

/**
 * Permission bits and how Discord combines them. Source: discord-api-docs developers/topics/permissions.mdx
 * ("Bitwise Permission Flags", "Permission Overwrites", "Implicit Permissions", "Inherited Permissions
 * (Threads)").
 */
const bit = (n: number) => 1n << BigInt(n);

export const PERMISSION = {
  CREATE_INSTANT_INVITE: bit(0),
  ADMINISTRATOR: bit(3),
  MANAGE_CHANNELS: bit(4),
  ADD_REACTIONS: bit(6),
  VIEW_CHANNEL: bit(10),
  SEND_MESSAGES: bit(11),
  SEND_TTS_MESSAGES: bit(12),
  MANAGE_MESSAGES: bit(13),
  EMBED_LINKS: bit(14),
  ATTACH_FILES: bit(15),
  READ_MESSAGE_HISTORY: bit(16),
  MENTION_EVERYONE: bit(17),
  USE_EXTERNAL_EMOJIS: bit(18),
  CHANGE_NICKNAME: bit(26),
  USE_APPLICATION_COMMANDS: bit(31),
  MANAGE_THREADS: bit(34),
  CREATE_PUBLIC_THREADS: bit(35),
  CREATE_PRIVATE_THREADS: bit(36),
  SEND_MESSAGES_IN_THREADS: bit(38),
} as const;

export type PermissionName = keyof typeof PERMISSION;

const P = PERMISSION;
export const ADMINISTRATOR = P.ADMINISTRATOR;

/** What @everyone may do in the sandbox: read, write, react, attach, use commands, make threads. */
export const EVERYONE_PERMISSIONS =
  P.CREATE_INSTANT_INVITE |
  P.ADD_REACTIONS |
  P.VIEW_CHANNEL |
  P.SEND_MESSAGES |
  P.EMBED_LINKS |
  P.ATTACH_FILES |
  P.READ_MESSAGE_HISTORY |
  P.USE_EXTERNAL_EMOJIS |
  P.CHANGE_NICKNAME |
  P.USE_APPLICATION_COMMANDS |
  P.CREATE_PUBLIC_THREADS |
  P.SEND_MESSAGES_IN_THREADS;

/**
 * The bot's own (managed) role: what an operator grants when inviting it, as docs/operating.md asks
 * (View Channels, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links, Attach Files,
 * Add Reactions, Read Message History). Not Administrator: that would make channel overwrites moot
 * ("ADMINISTRATOR overrides any potential permission overwrites", permissions.mdx).
 */
export const INVITED_BOT_PERMISSIONS =
  P.VIEW_CHANNEL |
  P.SEND_MESSAGES |
  P.SEND_MESSAGES_IN_THREADS |
  P.CREATE_PUBLIC_THREADS |
  P.EMBED_LINKS |
  P.ATTACH_FILES |
  P.ADD_REACTIONS |
  P.READ_MESSAGE_HISTORY;

/** Every bit Discord currently defines, so an administrator's computed permissions look real. */
export const ALL_PERMISSIONS = bit(51) - 1n;

export function effectivePermissions(rolePermissions: readonly bigint[]): bigint {
  const combined = rolePermissions.reduce((acc, p) => acc | p, 0n);
  return (combined & ADMINISTRATOR) !== 0n ? ALL_PERMISSIONS : combined;
}

/**
 * A member's permissions in a channel from their guild-level ones, following compute_overwrites in
 * permissions.mdx "Permission Overwrites": @everyone's overwrite, then the member's roles' (denies, then
 * allows), then the member's own. Administrators are not affected.
 */
export function applyOverwrites(
  base: bigint,
  overwrites: readonly APIOverwrite[] | undefined,
  target: { guildId: string; roleIds: readonly string[]; userId: string },
): bigint {
  if ((base & ADMINISTRATOR) !== 0n) return ALL_PERMISSIONS;
  const find = (id: string, type: 0 | 1) => overwrites?.find((o) => o.id === id && o.type === type);
  let permissions = base;
  const everyone = find(target.guildId, 0);
  if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const roleId of target.roleIds) {
    const overwrite = find(roleId, 0);
    if (!overwrite) continue;
    allow |= BigInt(overwrite.allow);
    deny |= BigInt(overwrite.deny);
  }
  permissions = (permissions & ~deny) | allow;
  const member = find(target.userId, 1);
  if (member) permissions = (permissions & ~BigInt(member.deny)) | BigInt(member.allow);
  return permissions;
}

/** Names of the bits set in `permissions` among `wanted`, for error messages. */
export function permissionNames(permissions: bigint): PermissionName[] {
  return (Object.keys(PERMISSION) as PermissionName[]).filter((name) => (permissions & P[name]) !== 0n);
}
