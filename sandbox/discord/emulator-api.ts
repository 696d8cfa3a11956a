import type { APIApplicationCommand, APIMessage, APIOverwrite, APIUser } from 'discord.js';
import type { Logger } from '../../src/core/logger.js';
import type { DiscordKnobs, KnobsUpdate } from './knobs.js';
import type { AttachmentBlob, ChannelRecord } from './state.js';
import type {
  CallFilter,
  DiscordEmulatorEvents,
  GatewaySessionInfo,
  GuildInfo,
  GuildSeed,
  InteractionFilter,
  InteractionRecord,
  RecordedCall,
  RecordedDispatch,
  UserSeed,
} from './types.js';
import type { UserSimulator } from './user-simulator.js';
import type { Waiters } from './waiters.js';

export interface DiscordEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** What `Authorization: Bot <token>` and IDENTIFY must carry. */
  botToken?: string;
  applicationId?: string;
  botUsername?: string;
  users?: readonly UserSeed[];
  guilds?: readonly GuildSeed[];
  knobs?: KnobsUpdate;
  /** Base URL written into gateway and attachment URLs when clients reach the emulator another way. */
  publicUrl?: string;
  /** REST calls (and gateway dispatches) kept for `calls()` / `dispatches()` (oldest dropped first). */
  maxCalls?: number;
  log?: Logger;
}

export interface EmulatorSnapshot {
  applicationId: string;
  botUser: APIUser;
  users: APIUser[];
  guilds: GuildInfo[];
  commands: { global: APIApplicationCommand[]; guilds: Record<string, APIApplicationCommand[]> };
}

type Simulator = Pick<
  UserSimulator,
  | 'slashCommand'
  | 'autocomplete'
  | 'clickButton'
  | 'selectMenu'
  | 'submitModal'
  | 'react'
  | 'unreact'
  | 'postMessage'
>;

export interface DiscordEmulator extends Simulator, Waiters {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** `${url}/api`: what DISCORD_API_URL (discord.js `rest.api`) is set to. */
  readonly apiUrl: string;
  /** ws://127.0.0.1:PORT/gateway */
  readonly gatewayUrl: string;
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** The seeded (non-bot) users. */
  readonly users: readonly APIUser[];
  guilds(): GuildInfo[];
  /** A guild by id or name; the first one by default. */
  guild(idOrName?: string): GuildInfo;
  /** A channel id by name (in the first guild unless given). */
  channelId(name: string, guildIdOrName?: string): string;
  /**
   * Marks a text channel age-restricted (NSFW) or not, as a server admin would: CHANNEL_UPDATE goes to the
   * bot, and later interactions from the channel carry `channel.nsfw`. Seed with `GuildSeed.nsfwChannels`.
   */
  setChannelNsfw(channelId: string, nsfw: boolean): void;
  /**
   * Replaces a text channel's permission overwrites (its threads follow), as a server admin would:
   * CHANNEL_UPDATE goes to the bot; bot-token routes in the channel then answer 403 50001/50013 where the
   * bot's computed permissions fall short, and interactions carry the new `app_permissions`. The bot's role
   * is not Administrator (see GuildSeed.botPermissions), so e.g. a member overwrite
   * `{ id: botUser.id, type: 1, allow: '0', deny: String(SEND_MESSAGES) }` takes effect.
   */
  setPermissionOverwrites(channelId: string, overwrites: APIOverwrite[]): void;
  /**
   * Archives a thread now, as Discord does once its auto_archive_duration has passed without activity:
   * THREAD_UPDATE goes to the bot; edits and reactions there answer 400 50083 until a message unarchives it.
   */
  archiveThread(threadId: string): void;
  /** Lets `ms` of idle time pass for every thread; those past their auto_archive_duration archive. Returns their ids. */
  ageThreads(ms: number): string[];
  /** A channel, thread or DM as the emulator holds it. */
  channel(channelId: string): ChannelRecord | undefined;
  /** The DM channel the bot opened with a user (POST /users/@me/channels), if any. */
  dmChannelId(userId: string): string | undefined;
  snapshot(): EmulatorSnapshot;
  calls(filter?: CallFilter): RecordedCall[];
  /** Seq of the latest call; pass as `after` to look only at later ones. */
  lastCallSeq(): number;
  /** Channel history, oldest first. Ephemeral messages are left out unless asked for. */
  messages(channelId: string, options?: { includeEphemeral?: boolean }): APIMessage[];
  message(messageId: string): APIMessage | undefined;
  /** An uploaded file by attachment id. */
  attachment(attachmentId: string): AttachmentBlob | undefined;
  interactions(filter?: InteractionFilter): InteractionRecord[];
  interaction(interactionId: string): InteractionRecord | undefined;
  /** Registered commands: global (default) or of one guild. */
  commands(guildId?: string | null): APIApplicationCommand[];
  gatewaySessions(): GatewaySessionInfo[];
  /** Gateway dispatches sent to the bot (READY, GUILD_CREATE, INTERACTION_CREATE…), oldest first. */
  dispatches(): RecordedDispatch[];
  on<K extends keyof DiscordEmulatorEvents>(
    event: K,
    listener: (...args: DiscordEmulatorEvents[K]) => void,
  ): void;
  off<K extends keyof DiscordEmulatorEvents>(
    event: K,
    listener: (...args: DiscordEmulatorEvents[K]) => void,
  ): void;
  knobs(): DiscordKnobs;
  /** Validates and merges; arrays and `buckets` are replaced as a whole. */
  setKnobs(update: KnobsUpdate): DiscordKnobs;
  /** The next `count` (default 1) calls matching `route` get 429 with this retry_after. */
  forceRateLimit(route: string, options: { retryAfterMs: number; count?: number; global?: boolean }): void;
  /** The next `count` (default 1) calls matching `route` (e.g. 'edits') get a 5xx. */
  failNext(route: string, options?: { count?: number; status?: number }): void;
  /** Sends op 7 to every gateway connection (clients reconnect and RESUME). */
  requestReconnect(): void;
  /** Forgets messages, uploads, threads, interactions, calls and rate-limit state; restores start knobs. Keeps commands and sessions. */
  reset(): void;
  close(): Promise<void>;
}
