import type {
  APIApplicationCommand,
  APIApplicationCommandOptionChoice,
  APIInteraction,
  APIMessage,
  APIModalInteractionResponseCallbackData,
} from 'discord.js';

/** A fake person in the sandbox guilds. */
export interface UserSeed {
  id?: string;
  username: string;
  globalName?: string;
  /** Gets an "Admin" role with the Administrator permission. */
  admin?: boolean;
}

export interface GuildSeed {
  /** Pick ids to place guilds on given shards (see `snowflakeFromTimestamp`, `shardIdOf`). */
  id?: string;
  name: string;
  /** Text channel names; default ['general', 'art']. */
  channels?: readonly string[];
  /** Names among `channels` marked age-restricted (`nsfw: true`), as an NSFW channel's interactions say. */
  nsfwChannels?: readonly string[];
  /** Usernames of the seeded users who are members; default all of them. */
  members?: readonly string[];
  locale?: string;
  /**
   * The bot's role in this guild. Default: what docs/operating.md has operators grant (see
   * INVITED_BOT_PERMISSIONS); ADMINISTRATOR makes channel overwrites moot, as in Discord.
   */
  botPermissions?: bigint;
}

/** A seeded guild as tests and the sandbox page address it. */
export interface GuildInfo {
  id: string;
  name: string;
  /** Channel ids by name (text channels and threads created later). */
  channels: Record<string, string>;
  memberIds: string[];
}

export interface FileSummary {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** One REST request as the emulator saw it. */
export interface RecordedCall {
  /** Increasing number; pass it as `after` to look only at later calls. */
  seq: number;
  method: string;
  /** Matched route template, e.g. `PATCH /webhooks/:applicationId/:token/messages/:messageId` ('' if none). */
  route: string;
  /** Decoded path below /api/v10, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Discord's JSON error code when the answer was an error. */
  errorCode?: number;
  /** Epoch ms when the request arrived. */
  at: number;
  durationMs: number;
  /** JSON body (for multipart, the parsed payload_json). */
  body?: unknown;
  files?: FileSummary[];
  /** JSON the emulator answered with (absent for 204s), for the contract suite to hold against the spec. */
  response?: unknown;
}

/** One gateway dispatch (op 0) as a session was sent it, READY and GUILD_CREATE included. */
export interface RecordedDispatch {
  seq: number;
  /** The `t` of the frame, e.g. INTERACTION_CREATE. */
  event: string;
  /** The `d` of the frame, exactly as sent (redacted when the session lacks MessageContent). */
  data: unknown;
  sessionId: string;
}

export interface CallFilter {
  method?: string;
  /** Exact route template (with or without the method prefix) or a pattern tested against it. */
  route?: string | RegExp;
  /** Substring of, or pattern tested against, the decoded path. */
  path?: string | RegExp;
  status?: number;
  /** Only calls with seq greater than this. */
  after?: number;
}

export interface MessageEvent {
  type: 'create' | 'update' | 'delete';
  channelId: string;
  message: APIMessage;
  /** Set for ephemeral messages: only this user sees them. */
  visibleTo?: string;
}

export interface ReactionEvent {
  type: 'add' | 'remove';
  channelId: string;
  messageId: string;
  userId: string;
  emoji: { id: string | null; name: string | null };
}

export type InteractionState = 'pending' | 'acknowledged' | 'unacknowledged';

/** An interaction the emulator created (by the user simulator) and what the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: 2 | 3 | 4 | 5;
  /** Command name (with subcommand path) or component/modal custom_id. */
  name: string;
  userId: string;
  channelId: string;
  guildId: string | null;
  /** The message a component or component-triggered modal belongs to. */
  messageId: string | null;
  createdAt: number;
  /** A callback after this (epoch ms) is refused with 10062 Unknown interaction. */
  ackDeadline: number;
  /** Token stops working for webhook routes after this (epoch ms). */
  expiresAt: number;
  state: InteractionState;
  /** Callback type (1, 4-9) the bot answered with. */
  responseType: number | null;
  ackedAt: number | null;
  ackLatencyMs: number | null;
  /** Message behind `@original`, once there is one. */
  responseMessageId: string | null;
  followupIds: string[];
  autocompleteChoices: APIApplicationCommandOptionChoice[] | null;
  modal: APIModalInteractionResponseCallbackData | null;
  /** Gateway sessions the INTERACTION_CREATE went to. */
  deliveredTo: number;
  payload: APIInteraction;
}

export interface InteractionFilter {
  type?: InteractionRecord['type'];
  state?: InteractionState;
  name?: string;
}

/** What the user simulator returns: enough to find the record again. */
export interface InteractionHandle {
  interactionId: string;
  token: string;
}

export interface CommandsEvent {
  guildId: string | null;
  commands: APIApplicationCommand[];
}

export interface GatewayEvent {
  type: 'identify' | 'resume' | 'close';
  sessionId: string;
  shard: [number, number] | null;
  code?: number;
}

export interface GatewaySessionInfo {
  sessionId: string;
  shard: [number, number] | null;
  intents: number;
  connected: boolean;
  sequence: number;
  guildIds: string[];
}

export interface DiscordEmulatorEvents {
  call: [RecordedCall];
  message: [MessageEvent];
  reaction: [ReactionEvent];
  interaction: [InteractionRecord];
  commands: [CommandsEvent];
  gateway: [GatewayEvent];
  /** Every dispatch to every session: too chatty for the page's event stream, so not in EMULATOR_EVENTS. */
  dispatch: [RecordedDispatch];
}

/** Every event name the emulator emits (for listeners that want them all, like the SSE stream). */
export const EMULATOR_EVENTS: ReadonlyArray<keyof DiscordEmulatorEvents> = [
  'call',
  'message',
  'reaction',
  'interaction',
  'commands',
  'gateway',
];
