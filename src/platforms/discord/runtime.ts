import type { Client, REST } from 'discord.js';
import { PermissionFlagsBits } from 'discord.js';
import type { Aspect } from '../../core/catalog/schema.js';
import type { Logger } from '../../core/logger.js';
import type { Requester } from '../../core/types.js';
import type { AdapterDeps } from '../adapter.js';
import type { JobMessageMachine } from '../shared/job-message-machine.js';
import type { TurnQueue } from '../shared/turn-queue.js';
import type { DiscordJobRef } from './job-message-port.js';
import type { MediaResolver } from './media.js';
import type { MessageSender } from './message-sender.js';
import type { TtlStore } from './ttl-store.js';

/** An open set of select menus for the dimensions /generate left out. */
export interface MenuState {
  userId: string;
  catalogId: string;
  /** Given with the command (canonical option ids). */
  given: Record<string, string>;
  /** Picked in the menus so far. */
  chosen: Record<string, string>;
  missing: string[];
  page: number;
  extra: string | undefined;
  seed: number | undefined;
  aspect: Aspect | undefined;
  /** The latest interaction token for the menu message (to say politely that it expired). */
  token: string;
  tokenAt: number;
}

/** What the gallery's page buttons need to query the next page. */
export interface GalleryState {
  viewerId: string;
  userId: string;
  catalogId: string | undefined;
  filters: Record<string, string>;
}

/** What every Discord handler works with. */
export interface DiscordRuntime {
  deps: AdapterDeps;
  client: Client;
  rest: REST;
  log: Logger;
  sender: MessageSender;
  /** Each job's live message (jobs carry its place in their request: see command-handler.ts). */
  jobMessages: JobMessageMachine<DiscordJobRef>;
  media: MediaResolver;
  menus: TtlStore<MenuState>;
  galleries: TtlStore<GalleryState>;
  /** Where handlers wait, once they have acknowledged, before their database work (ack first). */
  turns: TurnQueue;
}

/** Who acted and where, as the core records it. */
export function discordRequester(source: {
  guildId: string | null;
  channelId: string | null;
  user: { id: string };
  /** The member's permissions in the channel (interactions carry them); Manage Server makes an admin. */
  memberPermissions?: { has(permission: bigint): boolean } | null;
  /** Age-restricted (NSFW) text channels say so; threads and DMs do not have the flag. */
  channel?: unknown;
}): Requester {
  const nsfw = isNsfwChannel(source.channel);
  return {
    platform: 'discord',
    workspaceId: source.guildId ?? '@me',
    channelId: source.channelId ?? '',
    userId: source.user.id,
    ...(source.guildId && source.memberPermissions?.has(PermissionFlagsBits.ManageGuild)
      ? { admin: true }
      : {}),
    ...(nsfw ? { nsfwChannel: true } : {}),
  };
}

function isNsfwChannel(channel: unknown): boolean {
  return typeof channel === 'object' && channel !== null && 'nsfw' in channel && channel.nsfw === true;
}
