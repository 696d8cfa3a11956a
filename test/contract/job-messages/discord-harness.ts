import { type APIMessage, DiscordAPIError } from 'discord.js';
import { pino } from 'pino';
import type { Generation } from '../../../src/core/types.js';
import { createDiscordJobPort } from '../../../src/platforms/discord/job-message-port.js';
import type { MessageSender, Placement } from '../../../src/platforms/discord/message-sender.js';
import type { OutgoingMessage } from '../../../src/platforms/discord/render/outgoing.js';
import { encodeRef } from '../../../src/platforms/discord/reply-ref.js';
import { wideRegistry } from '../../unit/platforms/discord/fixtures.js';
import { contractGeneration } from '../render-contract.js';
import { type JobMessageHarness, type SeenMessage, statusKind } from './harness.js';

/** Discord's answer for a deleted message (10008 Unknown Message). */
const unknownMessage = () =>
  new DiscordAPIError({ code: 10008, message: 'Unknown Message' }, 10008, 404, 'PATCH', '/x', {});

/** The Discord port over a fake sender that keeps messages the way Discord would show them. */
export function discordHarness(): JobMessageHarness {
  const messages: SeenMessage[] = [];
  const deleted = new Set<string>();
  let next = 100;
  let failEdit = false;
  const seen = (message: OutgoingMessage) => ({
    kind: statusKind(message.embeds[0]?.description ?? ''),
    image: message.embeds[0]?.image?.url,
  });
  const sender = {
    async show(target: Placement, message: OutgoingMessage) {
      const { kind, image } = seen(message);
      let shown = messages.find((m) => m.id === target.messageId);
      if (target.messageId && deleted.has(target.messageId)) throw unknownMessage();
      if (target.messageId && failEdit) {
        failEdit = false;
        throw new DiscordAPIError(
          { code: 0, message: '500: Internal Server Error' },
          0,
          500,
          'PATCH',
          '/x',
          {},
        );
      }
      if (!shown) {
        shown = {
          id: target.messageId ?? String(next++),
          place: target.channelId,
          shown: [],
          reactions: 0,
          images: [],
        };
        messages.push(shown);
      }
      shown.shown.push(kind);
      if (image) shown.images.push(image);
      return { id: shown.id, channel_id: shown.place } as APIMessage;
    },
    async react(_channelId: string, messageId: string) {
      const message = messages.find((m) => m.id === messageId);
      if (message) message.reactions++;
    },
  } as unknown as MessageSender;
  const port = createDiscordJobPort({
    sender,
    catalogs: wideRegistry(),
    media: async (g: Generation) => (g.imageUrl ? { url: g.imageUrl } : undefined),
    log: pino({ level: 'silent' }),
  });
  const job = (overrides: Partial<Generation>) =>
    contractGeneration({
      platform: 'discord',
      catalogId: 'wide',
      options: { style: 'style-1' },
      createdAt: Date.now(),
      ...overrides,
    });

  return {
    platform: 'discord',
    port: port as JobMessageHarness['port'],
    messages,
    placedIn: (channel, overrides = {}) =>
      job({ channelId: channel, replyRef: encodeRef({ channelId: channel, replyTo: 'M0' }), ...overrides }),
    recorded(channel, overrides = {}) {
      const id = String(next++);
      messages.push({ id, place: channel, shown: ['queued:1'], reactions: 0, images: [] });
      return job({
        channelId: channel,
        messageId: id,
        replyRef: encodeRef({ channelId: channel }),
        ...overrides,
      });
    },
    gated: (channel, gate, overrides = {}) =>
      job({ channelId: channel, replyRef: encodeRef({ channelId: channel, gate }), ...overrides }),
    openInto:
      (thread) =>
      ({ gate: _gate, ...ref }: Placement & { gate?: string }) => ({ ...ref, channelId: thread }),
    deleteMessage: (id) => deleted.add(id),
    failNextEdit: () => {
      failEdit = true;
    },
  };
}
