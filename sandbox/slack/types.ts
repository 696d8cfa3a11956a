/** Public data shapes of the Slack emulator. Field names follow Slack's wire format where Slack has one. */

export type Json = Record<string, unknown>;

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
}

export interface SlackBotIdentity {
  /** The bot user (`user_id` of auth.test). */
  userId: string;
  /** The bot id (`bot_id` of auth.test, `bot_id` on its messages). */
  botId: string;
  appId: string;
  name: string;
}

export interface SlackUserInfo {
  id: string;
  name: string;
  realName: string;
  isAdmin: boolean;
  isBot: boolean;
  email?: string;
}

export interface SlackChannelInfo {
  id: string;
  name: string;
  isPrivate: boolean;
  /** A direct message with `user` (created on first post to a user id). */
  isIm: boolean;
  user?: string;
  members: string[];
  created: number;
  topic: string;
  purpose: string;
}

export interface SlackReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as conversations.history / the sandbox page see it (Slack's wire shape plus `channel`). */
export interface SlackMessage extends Json {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user: string;
  thread_ts?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: Json[];
  reactions?: SlackReaction[];
  bot_id?: string;
  subtype?: string;
}

export interface EphemeralMessage {
  /** The `message_ts` chat.postEphemeral answered with. */
  ts: string;
  channel: string;
  /** The one user who sees it. */
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  source: 'chat.postEphemeral' | 'response_url' | 'ack';
  /** Set when a later response replaced or deleted it. */
  replacedAt?: number;
  deletedAt?: number;
}

/** A modal as views.* return it (Slack's view object). */
export interface SlackView extends Json {
  id: string;
  type: string;
  hash: string;
  callback_id: string;
  private_metadata: string;
  blocks: unknown[];
  state: { values: Record<string, Record<string, Json>> };
  root_view_id: string;
  previous_view_id: string | null;
}

export interface ViewRecord {
  view: SlackView;
  userId: string;
  open: boolean;
}

export type ViewChange =
  | { kind: 'opened' | 'pushed' | 'updated' | 'closed'; userId: string; view: SlackView }
  | { kind: 'errors'; userId: string; view: SlackView; errors: Record<string, string> };

export type MessageChange = { kind: 'posted' | 'updated' | 'deleted'; message: SlackMessage };

export interface CallRecord {
  seq: number;
  method: string;
  /** Arguments as sent, with `token` removed and binary values summarised. */
  args: Json;
  ok: boolean;
  error?: string;
  /** HTTP status the emulator answered with (200, or 429 when rate limited). */
  status: number;
  at: number;
  durationMs: number;
  /** The JSON body answered, for the contract suite to hold against Slack's recorded responses. */
  response?: Json;
}

export type DeliveryKind = 'slash_command' | 'block_actions' | 'view_submission' | 'event';
export type Transport = 'http' | 'socket';

/** One delivery attempt to the bot; fields are filled in as the attempt completes. */
export interface DeliveryAttempt {
  seq: number;
  kind: DeliveryKind;
  transport: Transport;
  /** What was delivered (the command's fields, the interaction payload or the event envelope). */
  payload?: Json;
  /** 0 for the first try, 1..n for retries (X-Slack-Retry-Num / retry_attempt). */
  retryNum: number;
  retryReason?: string;
  eventId?: string;
  envelopeId?: string;
  startedAt: number;
  durationMs?: number;
  /** HTTP status; 200 for a socket ack; undefined while pending or when the connection failed. */
  status?: number;
  /** The attempt took longer than the ack window. */
  timedOut: boolean;
  error?: string;
}

export interface DeliveryResult {
  kind: DeliveryKind;
  transport: Transport;
  /** The bot acknowledged with a 2xx (or a socket ack) inside the ack window. */
  acked: boolean;
  /** Status of the deciding attempt (0 when none answered). */
  status: number;
  /** Raw response body (HTTP) or the JSON of the socket ack payload. */
  body: string;
  /** Parsed ack body, undefined when empty. */
  ack: unknown;
  durationMs: number;
  attempts: DeliveryAttempt[];
  eventId?: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface ResponseRecord {
  responseUrl: string;
  at: number;
  body: Json;
  /** What the emulator did with it. */
  effect: 'ephemeral' | 'in_channel' | 'replaced' | 'deleted' | 'rejected';
  error?: string;
}

export interface RawDeliveryResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

export interface SocketChange {
  kind: 'connected' | 'disconnected';
  connections: number;
}

/** Listener signatures of `emulator.on(...)`. */
export interface SlackEmulatorEvents {
  call: CallRecord;
  message: MessageChange;
  ephemeral: EphemeralMessage;
  view: ViewChange;
  delivery: DeliveryAttempt;
  response: ResponseRecord;
  socket: SocketChange;
}
