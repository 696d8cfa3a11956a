export type { AttachmentInput, OptionValue } from './command-options.js';
export { startDiscordEmulator } from './discord-emulator.js';
export type { DiscordEmulator, DiscordEmulatorOptions, EmulatorSnapshot } from './emulator-api.js';
export {
  type BucketLimit,
  DEFAULT_KNOBS,
  DISCORD_LIKE_BUCKETS,
  type DiscordKnobs,
  type ForcedFailure,
  type ForcedRateLimit,
  type KnobsUpdate,
} from './knobs.js';
export { shardIdOf, snowflakeFromTimestamp, timestampOfSnowflake } from './snowflake.js';
export type { AttachmentBlob } from './state.js';
export type * from './types.js';
export { EMULATOR_EVENTS } from './types.js';
export { EmulatorUsageError } from './usage-error.js';
export type {
  Actor,
  AutocompleteInput,
  ClickButtonInput,
  PostMessageInput,
  ReactInput,
  SelectMenuInput,
  SlashCommandInput,
  SubmitModalInput,
} from './user-simulator.js';
export type { Waiters } from './waiters.js';
