import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { urlToHttpOptions } from 'node:url';
import { httpCall } from '../http-call.js';
import type { AttemptOutcome, RunOptions, SendAttempt } from './delivery-runner.js';
import { runDelivery } from './delivery-runner.js';
import type { NowSource } from './ids.js';
import type { SlackKnobs } from './knobs.js';
import { signRequest } from './signing.js';
import type { SocketModeHub } from './socket-mode.js';
import type { DeliveryAttempt, DeliveryKind, DeliveryResult, Json, Transport } from './types.js';

export interface Outgoing {
  kind: DeliveryKind;
  payload: Json;
  eventId?: string;
}

export interface BotDeliveryDeps {
  clock: NowSource;
  signingSecret: string;
  knobs(): SlackKnobs;
  eventsUrl(): string | undefined;
  transport(): 'auto' | Transport;
  socket: SocketModeHub;
  closing: AbortSignal;
  /** Keep-alive connections to the bot's events URL, as Slack's senders keep theirs. */
  agent: Agent;
  nextSeq(): number;
  onAttempt(attempt: DeliveryAttempt): void;
}

const SOCKET_TYPE: Record<DeliveryKind, string> = {
  slash_command: 'slash_commands',
  block_actions: 'interactive',
  view_submission: 'interactive',
  event: 'events_api',
};

/** Slack only takes a response payload in the ack for commands and view submissions. */
const ACCEPTS_RESPONSE: Record<DeliveryKind, boolean> = {
  slash_command: true,
  block_actions: false,
  view_submission: true,
  event: false,
};

/** How Slack puts each kind on the wire over HTTP: commands as form fields, interactions as payload=<json>. */
export function encodeHttpBody(kind: DeliveryKind, payload: Json): { body: string; contentType: string } {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  const form =
    kind === 'slash_command'
      ? new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, String(v)]))
      : new URLSearchParams({ payload: JSON.stringify(payload) });
  // Exactly this content type: Bolt compares it without parameters.
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Delivers to the bot over Socket Mode when it is connected (or required), else signed HTTP to eventsUrl. */
export async function deliverToBot(deps: BotDeliveryDeps, out: Outgoing): Promise<DeliveryResult> {
  const transport = pickTransport(deps);
  const options: RunOptions = {
    kind: out.kind,
    transport,
    payload: out.payload,
    retryable: out.kind === 'event',
    knobs: deps.knobs(),
    clock: deps.clock,
    closing: deps.closing,
    nextSeq: deps.nextSeq,
    onAttempt: deps.onAttempt,
    ...(out.eventId ? { eventId: out.eventId } : {}),
  };
  let send: SendAttempt;
  if (transport === 'socket') {
    const envelopeIds: string[] = [];
    options.describe = (attempt, n) => {
      envelopeIds[n] = randomUUID();
      attempt.envelopeId = envelopeIds[n];
    };
    send = async (n, reason, signal) => {
      const envelope: Json & { envelope_id: string } = {
        envelope_id: envelopeIds[n] ?? randomUUID(),
        type: SOCKET_TYPE[out.kind],
        payload: out.payload,
        accepts_response_payload: ACCEPTS_RESPONSE[out.kind],
        ...(out.kind === 'event' ? { retry_attempt: n, retry_reason: reason ?? '' } : {}),
      };
      const ack = await deps.socket.send(envelope, signal);
      return { status: 200, body: JSON.stringify(ack) };
    };
  } else {
    send = httpSender(deps, out);
  }
  const run = await runDelivery(send, options);
  const outcome: AttemptOutcome = run.outcome ?? { status: 0, body: '' };
  return {
    kind: out.kind,
    transport,
    acked: run.acked,
    status: outcome.status,
    body: outcome.body,
    ack: parseAck(outcome.body),
    durationMs: run.durationMs,
    attempts: run.attempts,
    ...(out.eventId ? { eventId: out.eventId } : {}),
  };
}

function pickTransport(deps: BotDeliveryDeps): Transport {
  const preferred = deps.transport();
  if (preferred !== 'auto') return preferred;
  if (deps.socket.connections > 0) return 'socket';
  if (deps.eventsUrl()) return 'http';
  throw new Error('slack emulator: the bot is not reachable (no eventsUrl and no Socket Mode connection)');
}

function httpSender(deps: BotDeliveryDeps, out: Outgoing): SendAttempt {
  const url = deps.eventsUrl();
  if (!url) throw new Error('slack emulator: eventsUrl is not set');
  const { body, contentType } = encodeHttpBody(out.kind, out.payload);
  const target = { ...urlToHttpOptions(new URL(url)), method: 'POST', agent: deps.agent };
  return async (n, reason, signal) => {
    // Each attempt is signed afresh, with its own timestamp.
    const signed = signRequest(deps.signingSecret, body, Math.floor(deps.clock.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signed,
      ...(n > 0 ? { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': reason ?? 'http_timeout' } : {}),
    };
    return httpCall({ ...target, headers, signal }, body);
  };
}

/** The ack body: JSON when it is JSON, the text otherwise, undefined when empty. */
export function parseAck(body: string): unknown {
  const text = body.trim();
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && Object.keys(parsed).length === 0) return undefined;
    return parsed;
  } catch {
    return text;
  }
}
