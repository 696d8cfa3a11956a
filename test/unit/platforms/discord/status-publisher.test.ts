import { type APIMessage, DiscordAPIError } from 'discord.js';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerationService } from '../../../../src/core/generation/generation-service.js';
import type { JobUpdate } from '../../../../src/core/status.js';
import type { Generation } from '../../../../src/core/types.js';
import type { MessageSender, Placement } from '../../../../src/platforms/discord/message-sender.js';
import type { OutgoingMessage } from '../../../../src/platforms/discord/render/outgoing.js';
import { decodeRef, encodeRef } from '../../../../src/platforms/discord/reply-ref.js';
import { createStatusPublisher } from '../../../../src/platforms/discord/status-publisher.js';
import { contractGeneration } from '../../../contract/render-contract.js';
import { wideRegistry } from './fixtures.js';

interface Shown {
  target: Placement;
  status: string;
  image: string | undefined;
}

/** A sender that records what it was asked to show and answers like Discord (a message with an id). */
function fakeSender() {
  const shown: Shown[] = [];
  const reactions: string[] = [];
  let next = 100;
  const sender = {
    async show(target: Placement, message: OutgoingMessage) {
      shown.push({
        target: { ...target },
        status: message.embeds[0]?.description ?? '',
        image: message.embeds[0]?.image?.url,
      });
      return { id: target.messageId ?? String(next++), channel_id: target.channelId } as APIMessage;
    },
    async react(channelId: string, messageId: string, emoji: string) {
      reactions.push(`${channelId}/${messageId} ${emoji}`);
    },
  } as unknown as MessageSender;
  return { sender, shown, reactions };
}

const job = (overrides: Partial<Generation> = {}) =>
  contractGeneration({
    platform: 'discord',
    channelId: 'C1',
    catalogId: 'wide',
    options: { style: 'style-1' },
    ...overrides,
  });
const queued: JobUpdate = { kind: 'queued', position: 2, etaMs: null };
const generating = (progress: number): JobUpdate => ({ kind: 'generating', progress });
const done: JobUpdate = { kind: 'done', reused: false };

describe('Discord status publisher', () => {
  let attached: Array<[string, string, string | undefined]>;
  const finalShown: string[] = [];
  const service = {
    attachMessage: async (id: string, messageId: string, replyRef?: string) => {
      attached.push([id, messageId, replyRef]);
      return job();
    },
    finalShown: (id: string) => finalShown.push(id),
  } as unknown as GenerationService;

  const imageOf = async (g: Generation) => (g.imageUrl ? { url: g.imageUrl } : undefined);
  const setup = (media = imageOf) => {
    const fake = fakeSender();
    const publisher = createStatusPublisher({
      sender: fake.sender,
      service,
      catalogs: wideRegistry(),
      media,
      log: pino({ level: 'silent' }),
      intervalMs: 1000,
      holdMs: 5000,
    });
    return { ...fake, publisher };
  };

  beforeEach(() => {
    attached = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds events until the handler places the job, then shows the latest and records the message', async () => {
    const { publisher, shown } = setup();
    const g = job();
    publisher.onStatus({ generation: g, update: queued, at: 0 });
    publisher.onStatus({ generation: g, update: generating(0.1), at: 0 });
    await vi.advanceTimersByTimeAsync(100);
    expect(shown).toEqual([]);
    expect(publisher.follow(g, { channelId: 'C1', token: 'tok', tokenAt: Date.now() })).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.map((s) => s.status)).toEqual(['🎨 Generating… ▰▱▱▱▱▱▱▱▱▱ 10%']);
    expect(attached[0]?.[1]).toBe('100');
    expect(decodeRef(attached[0]?.[2])).toMatchObject({ channelId: 'C1', token: 'tok' });
  });

  it('coalesces to about one edit a second, always sends the final state and reacts 🔁', async () => {
    const { publisher, shown, reactions } = setup();
    const g = job();
    publisher.follow(g, { channelId: 'C1', messageId: 'M1' });
    await vi.advanceTimersByTimeAsync(0);
    for (const p of [0.1, 0.2, 0.5, 0.9]) publisher.onStatus({ generation: g, update: generating(p), at: 0 });
    await vi.advanceTimersByTimeAsync(500);
    expect(shown).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(shown.at(-1)?.status).toContain('90%');
    publisher.onStatus({
      generation: { ...g, status: 'done', imageUrl: 'https://m.example/x.png' },
      update: done,
      at: 0,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.map((s) => s.status.split(' ')[0])).toEqual(['⏳', '🎨', '✅']);
    expect(shown.at(-1)?.image).toBe('https://m.example/x.png');
    expect(reactions).toEqual(['C1/M1 🔁']);
    expect(finalShown).toEqual([g.id]);
    // Late events of a finished job, and a second follow (a repeated re-roll), change nothing.
    publisher.onStatus({ generation: g, update: generating(0.5), at: 0 });
    expect(publisher.follow(g, { channelId: 'C1' })).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(shown).toHaveLength(3);
  });

  it('counts a final state as shown when the message was deleted, without retrying the edit', async () => {
    const { shown } = setup();
    const g = job({ messageId: 'M7', status: 'done', imageUrl: 'https://m.example/y.png' });
    let attempts = 0;
    const gone = createStatusPublisher({
      sender: {
        async show() {
          attempts++;
          throw new DiscordAPIError(
            { code: 10008, message: 'Unknown Message' },
            10008,
            404,
            'PATCH',
            '/x',
            {},
          );
        },
        async react() {},
      } as unknown as MessageSender,
      service,
      catalogs: wideRegistry(),
      media: async () => undefined,
      log: pino({ level: 'silent' }),
    });
    gone.onStatus({ generation: g, update: done, at: 0, replayed: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toBe(1);
    expect(finalShown).toContain(g.id);
    expect(shown).toEqual([]);
  });

  it('edits a job it never saw from its record alone (resumed after a restart)', async () => {
    const { publisher, shown } = setup();
    const g = job({ messageId: 'M9', replyRef: encodeRef({ channelId: 'T1', token: 'old', tokenAt: 5 }) });
    publisher.onStatus({ generation: g, update: generating(0.5), at: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(shown[0]?.target).toEqual({ channelId: 'T1', messageId: 'M9', token: 'old', tokenAt: 5 });
    expect(attached).toEqual([]);
  });

  it('posts a message for a job nobody placed, in its channel, after the hold time', async () => {
    const { publisher, shown } = setup();
    const g = job();
    publisher.onStatus({ generation: g, update: queued, at: 0 });
    await vi.advanceTimersByTimeAsync(4999);
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown[0]?.target).toEqual({ channelId: 'C1' });
    expect(attached).toHaveLength(1);
  });

  it('flush sends a pending edit at once (shutdown) without waiting for the job to finish', async () => {
    const { publisher, shown } = setup();
    const g = job({ messageId: 'M2' });
    publisher.onStatus({ generation: g, update: generating(0.1), at: 0 });
    publisher.onStatus({ generation: g, update: generating(0.6), at: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toHaveLength(1);
    await publisher.flush();
    expect(shown.map((s) => s.status)).toEqual([
      '🎨 Generating… ▰▱▱▱▱▱▱▱▱▱ 10%',
      '🎨 Generating… ▰▰▰▰▰▰▱▱▱▱ 60%',
    ]);
  });

  it('posts the messages of jobs followed in order in that order, though an earlier one takes longer', async () => {
    // A finished frame reads its image before posting; the frames after it must not overtake it.
    const slowImage = async (g: Generation) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return imageOf(g);
    };
    const { publisher, shown, reactions } = setup(slowImage);
    const first = job({ id: 'frame-1', status: 'done', imageUrl: 'https://m.example/1.png' });
    const frames = [first, job({ id: 'frame-2' }), job({ id: 'frame-3' })];
    publisher.onStatus({ generation: first, update: done, at: 0 });
    publisher.followInOrder(frames, { channelId: 'T1' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown.map((s) => [s.target, s.status.split(' ')[0]])).toEqual([
      [{ channelId: 'T1' }, '✅'],
      [{ channelId: 'T1' }, '⏳'],
      [{ channelId: 'T1' }, '⏳'],
    ]);
    expect(attached.map(([id, messageId]) => [id, messageId])).toEqual(
      frames.map((g, i) => [g.id, String(100 + i)]),
    );
    expect(reactions).toEqual(['T1/100 🔁']);
  });

  it('ignores other platforms', async () => {
    const { publisher, shown } = setup();
    publisher.onStatus({ generation: job({ platform: 'slack', messageId: 'x' }), update: queued, at: 0 });
    await vi.advanceTimersByTimeAsync(6000);
    expect(shown).toEqual([]);
  });
});
