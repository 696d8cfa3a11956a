/** Public surface of the Slack emulator (see README.md). */

export type {
  SlashCommandArgs,
  SlashCommandResult,
  SubmitViewArgs,
  ViewSubmissionResult,
} from './command-simulator.js';
export type { ReactArgs, UserMessageArgs, UserMessageResult } from './event-simulator.js';
export type { StoredFile } from './file-store.js';
export type { BlockActionArgs, BlockActionResult } from './interaction-simulator.js';
export { DEFAULT_KNOBS, type KnobsUpdate, type SlackKnobs } from './knobs.js';
export { METHOD_TIERS, TIER_PER_MINUTE } from './rate-limits.js';
export { computeSignature, signRequest, verifySignature } from './signing.js';
export { type SlackEmulatorOptions, startSlackEmulator } from './slack-emulator.js';
export type { SlackEmulator } from './slack-emulator-api.js';
export type * from './types.js';
export type { InputValue, StateValues } from './view-state.js';
export {
  defaultWorkspace,
  SANDBOX_ADMIN_ID,
  SANDBOX_BOT_USER_ID,
  SANDBOX_TEAM_ID,
  type WorkspaceSeed,
} from './workspace.js';
