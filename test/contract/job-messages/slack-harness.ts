import type { webApi } from '@slack/bolt';
import { pino } from 'pino';
import type { ObjectStore } from '../../../src/core/ports.js';
import type { Generation } from '../../../src/core/types.js';
import { createSlackJobPort, type SlackJobRef } from '../../../src/platforms/slack/job-message-port.js';
import { encodePlace, encodeReplyRef, messageIdOf } from '../../../src/platforms/slack/message-ref.js';
import { wideRegistry } from '../../unit/platforms/discord/fixtures.js';
import { contractGeneration } from '../render-contract.js';
import { type JobMessageHarness, type SeenMessage, statusKind } from './harness.js';

/** The Web API client's platform error, as it throws it. */
const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });

interface SlackArgs {
  channel: string;
  ts?: string;
  thread_ts?: string;
  text: string;
  blocks?: Array<{ type: string; image_url?: string }>;
}

/** The Slack port over a fake Web API client that keeps messages the way Slack would show them. */
export function slackHarness(): JobMessageHarness & { loseNextPostAnswer(): void } {
  const messages: Array<SeenMessage & { metadata?: unknown }> = [];
  let loseAnswer = false;
  let failEdit = false;
  const deleted = new Set<string>();
  let next = 1;
  const newTs = () => `1700000000.${String(next++).padStart(6, '0')}`;
  const show = (message: SeenMessage, args: SlackArgs) => {
    message.shown.push(statusKind(args.text));
    for (const block of args.blocks ?? []) if (block.image_url) message.images.push(block.image_url);
  };
  const client = {
    chat: {
      async postMessage(args: SlackArgs & { metadata?: unknown }) {
        const message = {
          id: newTs(),
          place: args.thread_ts ?? args.channel,
          shown: [],
          reactions: 0,
          images: [],
          metadata: args.metadata,
        };
        messages.push(message);
        show(message, args);
        if (loseAnswer) {
          // Posted, but the answer never reaches the bot.
          loseAnswer = false;
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return { ok: true, channel: args.channel, ts: message.id };
      },
      async update(args: SlackArgs) {
        const message = messages.find((m) => m.id === args.ts);
        if (!message || deleted.has(message.id)) throw platformError('message_not_found');
        if (failEdit) {
          failEdit = false;
          throw platformError('internal_error');
        }
        show(message, args);
        return { ok: true };
      },
    },
    conversations: {
      // conversations.history with include_all_metadata: the messages with their metadata.
      async history(args: { channel: string }) {
        const inChannel = messages.filter((m) => m.place === args.channel);
        return { ok: true, messages: inChannel.map((m) => ({ ts: m.id, metadata: m.metadata })) };
      },
    },
    reactions: {
      async add(args: { timestamp: string }) {
        const message = messages.find((m) => m.id === args.timestamp);
        if (message) message.reactions++;
        return { ok: true };
      },
    },
  } as unknown as webApi.WebClient;
  const port = createSlackJobPort({
    client,
    service: { attachMessage: async () => {} },
    catalogs: wideRegistry(),
    store: {} as ObjectStore,
    mediaMode: 'link',
    log: pino({ level: 'silent' }),
  });
  const job = (overrides: Partial<Generation>) =>
    contractGeneration({
      platform: 'slack',
      catalogId: 'wide',
      options: { style: 'style-1' },
      createdAt: Date.now(),
      ...overrides,
    });

  return {
    platform: 'slack',
    port: port as JobMessageHarness['port'],
    messages,
    placedIn: (channel, overrides = {}) =>
      job({ channelId: channel, replyRef: encodePlace({ channel }), ...overrides }),
    recorded(channel, overrides = {}) {
      const ref = { channel, ts: newTs() };
      messages.push({ id: ref.ts, place: channel, shown: ['queued:1'], reactions: 0, images: [] });
      return job({
        channelId: channel,
        messageId: messageIdOf(ref),
        replyRef: encodeReplyRef(ref),
        ...overrides,
      });
    },
    gated: (channel, gate, overrides = {}) =>
      job({ channelId: channel, replyRef: encodePlace({ channel, gate }), ...overrides }),
    openInto:
      (thread) =>
      ({ gate: _gate, ...ref }: SlackJobRef) => ({ ...ref, threadTs: thread }),
    deleteMessage: (id) => deleted.add(id),
    failNextEdit: () => {
      failEdit = true;
    },
    loseNextPostAnswer: () => {
      loseAnswer = true;
    },
  };
}
