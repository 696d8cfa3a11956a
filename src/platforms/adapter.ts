import type { CommandContext } from '../../commands/define.js';
import type { Config } from '../config.js';
import type { CatalogRegistry } from '../core/catalog/catalog-registry.js';
import type { DeletionService } from '../core/deletion/deletion-types.js';
import type { GenerationService } from '../core/generation/generation-service.js';
import type { Logger } from '../core/logger.js';
import type { ChatCallCounter, MediaStore, SeenKeys } from '../core/ports.js';
import type { Requester } from '../core/types.js';
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

/**
 * What an adapter gets from the composition root (src/compose.ts): services of the core and small ports,
 * never a repository, the database or a metrics registry.
 */
export interface AdapterDeps {
  /** The platform's own settings, how media reach chat, and the Slack admins. */
  config: Pick<Config, 'discord' | 'slack' | 'mediaDelivery' | 'admin'>;
  /** Requests, re-rolls, status events, a job by its chat message, quotas. */
  service: GenerationService;
  catalogs: CatalogRegistry;
  /** Deleting a result (❌, the Delete button) and hearing about deletions to remove their messages. */
  deletion: DeletionService;
  /** Stored images: their public URL (link delivery) or their bytes (upload delivery). */
  store: MediaStore;
  /** The bot's one HTTP server (Slack's HTTP receiver mounts POST /slack/events on it). */
  web: WebServer;
  log: Logger;
  /** Counts every chat API call (the atelier_chat_api_calls_total metric). */
  countChatCall: ChatCallCounter;
  /** Requests already handled, for the replay guard; shared by every replica when REDIS_URL is set. */
  seenRequests: SeenKeys;
  /** Builds the context a command handler gets for one requester. */
  commandContext(requester: Requester): CommandContext;
}
