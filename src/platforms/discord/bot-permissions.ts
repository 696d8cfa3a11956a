import { type Client, PermissionFlagsBits as F, type PermissionsBitField } from 'discord.js';
import { UserError } from '../../core/errors.js';
import { shouldUpload } from '../shared/media-delivery.js';
import type { DiscordRuntime } from './runtime.js';

/** Permissions as Discord's server settings name them, in the order a person reads them there. */
const NAMES: ReadonlyArray<readonly [bigint, string]> = [
  [F.ViewChannel, 'View Channel'],
  [F.SendMessages, 'Send Messages'],
  [F.SendMessagesInThreads, 'Send Messages in Threads'],
  [F.CreatePublicThreads, 'Create Public Threads'],
  [F.EmbedLinks, 'Embed Links'],
  [F.AttachFiles, 'Attach Files'],
  [F.ReadMessageHistory, 'Read Message History'],
];

export interface PostPlace {
  /** The channel is a thread: posting there takes Send Messages in Threads, not Send Messages. */
  inThread: boolean;
  /** Images go up as files (MEDIA_DELIVERY, or `auto` with storage Discord cannot reach). */
  uploads: boolean;
}

/**
 * What a re-roll needs: its result is a new message (an embed, replying to the original) posted with the
 * bot token in the original's channel. (Adding 🔁 to it is nice to have, not needed to show it.)
 */
export const rerollNeeds = ({ inThread, uploads }: PostPlace): bigint =>
  F.ViewChannel |
  (inThread ? F.SendMessagesInThreads : F.SendMessages) |
  F.EmbedLinks |
  F.ReadMessageHistory |
  (uploads ? F.AttachFiles : 0n);

/**
 * What /sequence needs: a thread started from its reply (unless it runs in a thread already), and one new
 * message per frame posted in it with the bot token.
 */
export const sequenceNeeds = ({ inThread, uploads }: PostPlace): bigint =>
  F.ViewChannel |
  (inThread ? 0n : F.CreatePublicThreads) |
  F.SendMessagesInThreads |
  F.EmbedLinks |
  (uploads ? F.AttachFiles : 0n);

/** Whether this bot uploads images with its messages (then Attach Files is needed). */
export const uploadsImages = (rt: DiscordRuntime): boolean =>
  shouldUpload(rt.deps.config.mediaDelivery, rt.deps.store.publicUrl('probe.png'));

/** Names of the permissions in `need` that `have` lacks. */
export function missingPermissions(have: bigint | Readonly<PermissionsBitField>, need: bigint): string[] {
  const bits = typeof have === 'bigint' ? have : have.bitfield;
  // Without View Channel Discord ignores every other permission in the channel (permissions.mdx).
  if ((bits & F.ViewChannel) === 0n && (need & F.ViewChannel) !== 0n) return ['View Channel'];
  return NAMES.filter(([bit]) => (need & bit) !== 0n && (bits & bit) === 0n).map(([, name]) => name);
}

const list = (names: string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** Thrown before anything is paid for: says which permissions to grant. */
export function permissionRefusal(action: string, missing: string[]): UserError {
  const plural = missing.length > 1;
  const names = list(missing.map((n) => `**${n}**`));
  return new UserError(
    'cannot_post',
    `Nothing was started: to ${action} here I need the ${names} permission${plural ? 's' : ''} in this channel. Ask a server admin to grant ${plural ? 'them' : 'it'} to Atelier, then try again.`,
  );
}

/** Throws the refusal when `have` lacks any of `need`. */
export function requirePermissions(
  have: bigint | Readonly<PermissionsBitField> | null | undefined,
  need: bigint,
  action: string,
): void {
  // Unknown (not in a guild, or nothing cached): let Discord decide; DMs need no permissions.
  if (have === null || have === undefined) return;
  const missing = missingPermissions(have, need);
  if (missing.length > 0) throw permissionRefusal(action, missing);
}

/**
 * Whether the bot may add a first reaction in a channel, from its cached roles and overwrites: Create
 * Reaction needs Read Message History, and Add Reactions when nobody reacted with that emoji yet
 * (message.mdx "Create Reaction"). Unknown (uncached, a DM) answers yes: Discord decides. Asking first
 * spares a 403 per result in a channel that denies it (403s count towards Discord's invalid-request limit).
 */
export function canReact(client: Client, channelId: string): boolean {
  const channel = client.channels.cache.get(channelId);
  if (!channel || channel.isDMBased()) return true;
  const me = channel.guild.members.me;
  const have = me ? channel.permissionsFor(me) : null;
  return !have || have.has(F.ViewChannel | F.ReadMessageHistory | F.AddReactions);
}
