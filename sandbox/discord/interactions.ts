import type { APIInteraction } from 'discord.js';
import { apiErrors } from './http-io.js';
import type { EmulatorHub } from './hub.js';
import type { InteractionFilter, InteractionRecord } from './types.js';

export interface NewInteraction {
  payload: APIInteraction;
  name: string;
  userId: string;
  channelId: string;
  guildId: string | null;
  messageId: string | null;
}

/**
 * Every interaction the emulator sent, with Discord's two clocks: the 3 s window to acknowledge
 * (after which the interaction is dead: 10062) and the 15 min life of its token (then 50027).
 */
export class InteractionRegistry {
  private readonly records = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly hub: EmulatorHub) {}

  register(spec: NewInteraction): InteractionRecord {
    const now = this.hub.now();
    const knobs = this.hub.knobs();
    const record: InteractionRecord = {
      id: spec.payload.id,
      token: spec.payload.token,
      type: spec.payload.type as InteractionRecord['type'],
      name: spec.name,
      userId: spec.userId,
      channelId: spec.channelId,
      guildId: spec.guildId,
      messageId: spec.messageId,
      createdAt: now,
      ackDeadline: now + knobs.ackTimeoutMs,
      expiresAt: now + knobs.tokenTtlMs,
      state: 'pending',
      responseType: null,
      ackedAt: null,
      ackLatencyMs: null,
      responseMessageId: null,
      followupIds: [],
      autocompleteChoices: null,
      modal: null,
      deliveredTo: 0,
      payload: spec.payload,
    };
    this.records.set(record.id, record);
    this.byToken.set(record.token, record);
    const timer = setTimeout(() => this.expireAck(record), knobs.ackTimeoutMs);
    timer.unref();
    this.timers.set(record.id, timer);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.records.get(id);
  }

  list(filter: InteractionFilter = {}): InteractionRecord[] {
    return [...this.records.values()].filter(
      (r) =>
        (filter.type === undefined || r.type === filter.type) &&
        (filter.state === undefined || r.state === filter.state) &&
        (filter.name === undefined || r.name === filter.name),
    );
  }

  /** The interaction a callback is for; refused once answered or past the acknowledgement window. */
  forCallback(id: string, token: string): InteractionRecord {
    const record = this.records.get(id);
    if (!record || record.token !== token) throw apiErrors.unknownInteraction();
    if (record.state === 'pending' && this.hub.now() > record.ackDeadline) this.expireAck(record);
    if (record.state === 'unacknowledged') throw apiErrors.unknownInteraction();
    if (record.state === 'acknowledged') throw apiErrors.alreadyAcknowledged();
    return record;
  }

  /** The interaction behind a webhook route's token; refused once the token has expired. */
  forWebhook(applicationId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (!record || applicationId !== this.hub.state.applicationId) throw apiErrors.unknownWebhook();
    if (this.hub.now() >= record.expiresAt) throw apiErrors.invalidWebhookToken();
    return record;
  }

  acknowledge(record: InteractionRecord, responseType: number): void {
    const now = this.hub.now();
    record.state = 'acknowledged';
    record.responseType = responseType;
    record.ackedAt = now;
    record.ackLatencyMs = now - record.createdAt;
    this.stopTimer(record.id);
  }

  /** Tells listeners the record changed (after an ack, a response, a followup). */
  changed(record: InteractionRecord): void {
    this.hub.emit('interaction', record);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.records.clear();
    this.byToken.clear();
  }

  private expireAck(record: InteractionRecord): void {
    this.stopTimer(record.id);
    if (record.state !== 'pending') return;
    record.state = 'unacknowledged';
    this.changed(record);
  }

  private stopTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }
}
