import type {
  SlashCommandArgs,
  SlashCommandResult,
  SubmitViewArgs,
  ViewSubmissionResult,
} from './command-simulator.js';
import type { EventName, Listener } from './emitter.js';
import type { ReactArgs, UserMessageArgs, UserMessageResult } from './event-simulator.js';
import type { StoredFile } from './file-store.js';
import type { BlockActionArgs, BlockActionResult } from './interaction-simulator.js';
import type { KnobsUpdate, SlackKnobs } from './knobs.js';
import type {
  CallRecord,
  DeliveryAttempt,
  DeliveryResult,
  EphemeralMessage,
  RawDeliveryResult,
  ResponseRecord,
  SignedHeaders,
  SlackBotIdentity,
  SlackChannelInfo,
  SlackMessage,
  SlackTeam,
  SlackUserInfo,
  SlackView,
  ViewRecord,
} from './types.js';

export interface SlackEmulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** `${url}/api/`: what SLACK_API_URL (Bolt's clientOptions.slackApiUrl) is set to. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly team: SlackTeam;
  readonly bot: SlackBotIdentity;
  /** Where HTTP-mode deliveries go, e.g. http://127.0.0.1:3000/slack/events. */
  readonly eventsUrl: string | undefined;
  setEventsUrl(url: string | undefined): void;

  users(): SlackUserInfo[];
  channels(): SlackChannelInfo[];
  /** Every message of a conversation, oldest first, thread replies included. */
  messages(channelId: string): SlackMessage[];
  message(channelId: string, ts: string): SlackMessage | undefined;
  ephemerals(userId?: string): EphemeralMessage[];
  /** Views ever opened (open ones have `open: true`), optionally for one user. */
  views(userId?: string): ViewRecord[];
  /** The user's open modal stack, root first. */
  openViews(userId: string): SlackView[];
  file(fileId: string): StoredFile | undefined;
  /** POSTs to response URLs and command ack bodies, and what they did. */
  responses(): ResponseRecord[];

  /** Every Web API call, oldest first. */
  readonly calls: readonly CallRecord[];
  callsTo(method: string): CallRecord[];
  /** The first call (already made or future) of `method` matching `where`; rejects after timeoutMs (5000). */
  waitForCall(
    method: string,
    options?: { where?: (call: CallRecord) => boolean; timeoutMs?: number },
  ): Promise<CallRecord>;
  /** Every delivery attempt to the bot, oldest first (retries included). */
  readonly deliveries: readonly DeliveryAttempt[];

  // ── user simulator: each resolves once the bot has acked (or the delivery gave up) ──
  slashCommand(args: SlashCommandArgs): Promise<SlashCommandResult>;
  blockAction(args: BlockActionArgs): Promise<BlockActionResult>;
  submitView(args: SubmitViewArgs): Promise<ViewSubmissionResult>;
  react(args: ReactArgs): Promise<DeliveryResult>;
  unreact(args: ReactArgs): Promise<DeliveryResult>;
  postMessage(args: UserMessageArgs): Promise<UserMessageResult>;

  // ── raw helpers for signature and retry tests ──
  /** Signature headers for `body` at `timestampSec` (default: now). */
  sign(body: string, timestampSec?: number): SignedHeaders;
  /** POSTs `body` to eventsUrl with exactly these headers (content type defaults to JSON); nothing is signed. */
  deliverRaw(args: {
    body: string;
    headers?: Record<string, string>;
    url?: string;
  }): Promise<RawDeliveryResult>;

  // ── Socket Mode ──
  socketConnections(): number;
  /** Sends `disconnect` on every connection (Slack's way to make clients reconnect). */
  disconnectSockets(reason?: string): void;

  knobs(): SlackKnobs;
  setKnobs(update: KnobsUpdate): SlackKnobs;

  on<K extends EventName>(event: K, listener: Listener<K>): void;
  off<K extends EventName>(event: K, listener: Listener<K>): void;

  /** Forgets messages, views, files, calls and deliveries; restores the starting knobs. Sockets stay open. */
  reset(): void;
  close(): Promise<void>;
}
