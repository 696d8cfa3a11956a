import type { CommandContext } from '../../commands/define.js';
import type { Core } from '../compose.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { SeenKeys } from '../core/ports.js';
import type { Requester } from '../core/types.js';
import type { Metrics } from '../infra/metrics.js';
import type { ReadinessCheck } from '../web/readiness.js';
import type { WebServer } from '../web/server.js';

/** A chat platform front-end: translates chat events into core calls and status events into messages. */
export interface ChatAdapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stop taking new commands; in-flight status edits are flushed before it resolves. */
  stop(): Promise<void>;
  readiness(): ReadinessCheck;
  /** Posts a plain-text notice (an ops alert) to a channel of this platform. */
  postNotice?(channelId: string, text: string): Promise<void>;
}

export interface AdapterDeps {
  config: Config;
  core: Core;
  /** The bot's one HTTP server (Slack's HTTP receiver mounts POST /slack/events on it). */
  web: WebServer;
  log: Logger;
  /** Count every chat API call: metrics.chatCalls.inc({ platform, method }). */
  metrics: Metrics;
  /** Requests already handled, for the replay guard; shared by every replica when REDIS_URL is set. */
  seenRequests: SeenKeys;
  /** Builds the context a command handler gets for one requester. */
  commandContext(requester: Requester): CommandContext;
}
