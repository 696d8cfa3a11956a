import { SlackApiError, str } from './api-args.js';
import type { Directory } from './directory.js';
import type { EmulatorEmitter } from './emitter.js';
import type { EphemeralStore } from './ephemeral-store.js';
import type { IdFactory, NowSource } from './ids.js';
import type { SlackKnobs } from './knobs.js';
import { readMessageContent } from './message-content.js';
import type { MessageStore } from './message-store.js';
import type { EphemeralMessage, Json, ResponseRecord } from './types.js';

export const RESPONSE_PATH = '/_response/';

/** Where a response_url's answers go: the interaction's channel and user, and its source message if any. */
export interface ResponseTarget {
  channelId: string;
  userId: string;
  messageTs?: string;
  /** The interaction came from an ephemeral message (replace/delete act on it). */
  ephemeralTs?: string;
}

interface Issued extends ResponseTarget {
  url: string;
  createdAt: number;
  uses: number;
  /** The latest ephemeral this URL produced: what replace_original replaces for slash commands. */
  lastEphemeral?: EphemeralMessage;
}

export interface ResponseUrlDeps {
  ids: IdFactory;
  clock: NowSource;
  directory: Directory;
  messages: MessageStore;
  ephemerals: EphemeralStore;
  emitter: EmulatorEmitter;
  knobs(): SlackKnobs;
  baseUrl(): string;
  /** Slack's messages for images of these blocks it could not show (see image-check.ts). */
  checkImages(blocks: unknown, pointer: string): Promise<string[]>;
}

/** response_url: issued with commands and message interactions; POSTs post, replace or delete messages. */
export class ResponseUrls {
  #issued = new Map<string, Issued>();
  #records: ResponseRecord[] = [];

  constructor(private readonly deps: ResponseUrlDeps) {}

  reset(): void {
    this.#issued.clear();
    this.#records = [];
  }

  records(): ResponseRecord[] {
    return [...this.#records];
  }

  issue(target: ResponseTarget): string {
    const token = this.deps.ids.secret();
    const url = `${this.deps.baseUrl()}${RESPONSE_PATH}${this.deps.directory.team.id}/${token}`;
    this.#issued.set(token, { ...target, url, createdAt: this.deps.clock.now(), uses: 0 });
    return url;
  }

  /** A POST to a response URL; answers the HTTP status and body Slack would. */
  async post(token: string, body: Json): Promise<{ status: number; body: Json }> {
    const issued = this.#issued.get(token);
    if (!issued) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    const { responseUrlTtlMs, responseUrlMaxUses } = this.deps.knobs();
    const error =
      this.deps.clock.now() - issued.createdAt > responseUrlTtlMs
        ? 'expired_url'
        : issued.uses >= responseUrlMaxUses
          ? 'used_url'
          : undefined;
    if (error) {
      this.record(issued.url, body, 'rejected', error);
      return { status: 404, body: { ok: false, error } };
    }
    issued.uses += 1;
    // Slack downloads the images here too; a response_url refusing blocks answers HTTP 404 with
    // { ok: false, error: 'invalid_blocks' } (a recorded answer: java-slack-sdk#1349).
    const problems = body.delete_original ? [] : await this.deps.checkImages(body.blocks, '/blocks');
    if (problems.length > 0) {
      this.record(issued.url, body, 'rejected', 'invalid_blocks');
      return { status: 404, body: { ok: false, error: 'invalid_blocks' } };
    }
    return this.apply(issued, body);
  }

  /** A command's ack body is shown like a response_url message (ephemeral unless in_channel). */
  applyAck(url: string, body: Json): void {
    const issued = [...this.#issued.values()].find((i) => i.url === url);
    if (issued) this.apply(issued, body, 'ack');
  }

  private apply(issued: Issued, body: Json, source: EphemeralMessage['source'] = 'response_url') {
    const { messages, ephemerals, clock, directory, ids } = this.deps;
    try {
      const sourceMessage = issued.messageTs ? messages.get(issued.channelId, issued.messageTs) : undefined;
      const sourceEphemeral = issued.ephemeralTs
        ? ephemerals.get(issued.userId, issued.ephemeralTs)
        : issued.lastEphemeral;
      if (body.delete_original === true || body.delete_original === 'true') {
        if (sourceMessage) messages.delete(sourceMessage);
        else if (sourceEphemeral) ephemerals.retire(sourceEphemeral, 'deletedAt', clock.now());
        return this.record(issued.url, body, 'deleted');
      }
      const content = readMessageContent(body, () => ids.secret().slice(0, 5));
      const replace = body.replace_original === true || body.replace_original === 'true';
      if (replace && sourceMessage) {
        messages.update(sourceMessage, (m) => {
          m.text = content.text;
          if (content.blocks) m.blocks = content.blocks;
          if (content.attachments) m.attachments = content.attachments;
        });
        return this.record(issued.url, body, 'replaced');
      }
      const threadTs = str(body, 'thread_ts');
      if (body.response_type === 'in_channel' && !(replace && sourceEphemeral)) {
        messages.add({
          channel: issued.channelId,
          ts: ids.ts(),
          user: directory.bot.userId,
          fromBot: true,
          reactions: [],
          ...content,
          ...(threadTs ? { threadTs } : {}),
        });
        return this.record(issued.url, body, 'in_channel');
      }
      if (replace && sourceEphemeral) ephemerals.retire(sourceEphemeral, 'replacedAt', clock.now());
      issued.lastEphemeral = ephemerals.add({
        ts: ids.ts(),
        channel: issued.channelId,
        user: issued.userId,
        text: content.text,
        source,
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(content.attachments ? { attachments: content.attachments } : {}),
        ...(threadTs ? { threadTs } : {}),
      });
      return this.record(issued.url, body, replace && sourceEphemeral ? 'replaced' : 'ephemeral');
    } catch (error) {
      const code = error instanceof SlackApiError ? error.error : 'invalid_payload';
      this.record(issued.url, body, 'rejected', code);
      return { status: 400, body: { ok: false, error: code } };
    }
  }

  private record(url: string, body: Json, effect: ResponseRecord['effect'], error?: string) {
    const record: ResponseRecord = {
      responseUrl: url,
      at: this.deps.clock.now(),
      body,
      effect,
      ...(error ? { error } : {}),
    };
    this.#records.push(record);
    this.deps.emitter.emit('response', record);
    return { status: 200, body: { ok: true } as Json };
  }
}
