import type { DiscordKnobs } from './knobs.js';
import type { EmulatorState } from './state.js';
import type { DiscordEmulatorEvents } from './types.js';

/** Gateway intent bits the emulator honours. */
export const INTENTS = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export interface DispatchTarget {
  /** Guild-scoped events go to the shard owning the guild; null goes to shard 0. */
  guildId: string | null;
  /** Sessions without this intent do not get the event; null: always sent. */
  intent: number | null;
  /** What sessions without the MessageContent intent get instead of `data`. */
  redact?: (data: object) => object;
}

/** What the REST routes, the gateway and the user simulator share inside one emulator. */
export interface EmulatorHub {
  readonly state: EmulatorState;
  knobs(): DiscordKnobs;
  /** http://host:port, for attachment URLs. */
  baseUrl(): string;
  now(): number;
  emit<K extends keyof DiscordEmulatorEvents>(event: K, ...args: DiscordEmulatorEvents[K]): void;
  /** Sends a dispatch to matching gateway sessions; returns how many got it. */
  dispatch(event: string, data: object, target: DispatchTarget): number;
}
