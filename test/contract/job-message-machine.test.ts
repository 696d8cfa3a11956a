import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobUpdate, StatusEvent } from '../../src/core/status.js';
import type { Generation } from '../../src/core/types.js';
import { createJobMessageMachine } from '../../src/platforms/shared/job-message-machine.js';
import { discordHarness } from './job-messages/discord-harness.js';
import type { JobMessageHarness } from './job-messages/harness.js';
import { slackHarness } from './job-messages/slack-harness.js';

/**
 * The job-message contract every platform's port passes (vercel/chat's adapter contract idea): the same
 * status events give the same messages, as a person sees them, on Discord and on Slack. Fake time only.
 */
const queued = (position: number): JobUpdate => ({ kind: 'queued', position, etaMs: null });
const generating = (progress: number): JobUpdate => ({ kind: 'generating', progress });
const done: JobUpdate = { kind: 'done', reused: false };
const failed: JobUpdate = {
  kind: 'failed',
  errorClass: 'user',
  message: 'The model refused this prompt.',
  retryable: false,
  reference: 'ref-1',
};
const finished = (g: Generation): Generation => ({
  ...g,
  status: 'done',
  imageKey: 'images/x.png',
  imageUrl: 'https://m.example/x.png',
});
const THREAD = '1700000099.000001';

describe.each([
  ['discord', discordHarness],
  ['slack', slackHarness],
] as const)('job-message machine over the %s port', (_name, harness) => {
  let h: JobMessageHarness;
  let recorded: Array<[string, string]>;
  let shownFinal: string[];
  let machine: ReturnType<typeof createJobMessageMachine<unknown>>;
  const event = (generation: Generation, update: JobUpdate): StatusEvent => ({ generation, update, at: 0 });

  beforeEach(() => {
    vi.useFakeTimers();
    h = harness();
    recorded = [];
    shownFinal = [];
    machine = createJobMessageMachine({
      port: h.port,
      jobs: {
        attachMessage: async (id, messageId) => {
          recorded.push([id, messageId]);
        },
        finalShown: (id) => shownFinal.push(id),
      },
      log: pino({ level: 'silent' }),
      clock: { now: () => Date.now() },
      intervalMs: 1_000,
      settleMs: 0,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts one message at the place given with the request, then shows queued → generating → done', async () => {
    const g = h.placedIn('C1');
    machine.onStatus(event(g, queued(2)));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.messages.map((m) => [m.place, m.shown])).toEqual([['C1', ['queued:2']]]);
    // Recorded once posted: a restarted process edits this message.
    expect(recorded).toEqual([[g.id, expect.stringContaining(h.messages[0]?.id ?? '-')]]);
    machine.onStatus(event(g, generating(0.5)));
    await vi.advanceTimersByTimeAsync(1_000);
    machine.onStatus(event(finished(g), done));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.messages).toEqual([
      expect.objectContaining({
        shown: ['queued:2', 'generating', 'done'],
        reactions: 1,
        images: ['https://m.example/x.png'],
      }),
    ]);
    expect(shownFinal).toEqual([g.id]);
    expect(recorded).toHaveLength(1);
  });

  it('coalesces a burst into about one edit a second, showing the latest, and never drops the final', async () => {
    const g = h.placedIn('C1');
    machine.onStatus(event(g, queued(1)));
    await vi.advanceTimersByTimeAsync(0);
    for (const p of [0.1, 0.2, 0.5, 0.9]) machine.onStatus(event(g, generating(p)));
    await vi.advanceTimersByTimeAsync(500);
    expect(h.messages[0]?.shown).toEqual(['queued:1']);
    machine.onStatus(event(g, queued(1)));
    machine.onStatus(event(finished(g), done));
    await vi.advanceTimersByTimeAsync(0);
    // The final goes out as soon as the post finished; the in-between burst is never shown on its own.
    expect(h.messages[0]?.shown).toEqual(['queued:1', 'done']);
    // Late events of a finished job change nothing.
    machine.onStatus(event(g, generating(0.5)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.messages).toHaveLength(1);
    expect(h.messages[0]?.shown).toEqual(['queued:1', 'done']);
  });

  it('shows a failure in the message, without the 🔁 reaction, and counts it as shown', async () => {
    const g = h.placedIn('C1');
    machine.onStatus(event(g, queued(1)));
    await vi.advanceTimersByTimeAsync(0);
    machine.onStatus(event({ ...g, status: 'failed' }, failed));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.messages.map((m) => [m.shown, m.reactions])).toEqual([[['queued:1', 'failed'], 0]]);
    expect(shownFinal).toEqual([g.id]);
  });

  it('after a restart, edits the message its record names and posts nothing', async () => {
    const g = h.recorded('C1', { createdAt: Date.now() - 60_000 });
    machine.onStatus(event(g, generating(0.5)));
    await vi.advanceTimersByTimeAsync(0);
    machine.onStatus(event(finished(g), done));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.messages.map((m) => m.shown)).toEqual([['queued:1', 'generating', 'done']]);
    expect(recorded).toEqual([]);
    expect(shownFinal).toEqual([g.id]);
  });

  it('counts a final state as shown when the message was deleted, without retrying the edit', async () => {
    const g = h.recorded('C1', { createdAt: Date.now() - 60_000 });
    h.deleteMessage(h.messages[0]?.id ?? '');
    machine.onStatus({ ...event(finished(g), done), replayed: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.messages.map((m) => m.shown)).toEqual([['queued:1']]);
    expect(shownFinal).toEqual([g.id]);
  });

  it('tries a failed final edit again rather than leave the job looking unfinished', async () => {
    const g = h.recorded('C1', { createdAt: Date.now() - 60_000 });
    h.failNextEdit();
    machine.onStatus(event(finished(g), done));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.messages[0]?.shown).toEqual(['queued:1']);
    expect(shownFinal).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.messages[0]?.shown).toEqual(['queued:1', 'done']);
    expect(shownFinal).toEqual([g.id]);
  });

  it('posts a finished job (a reused image) as one message that ends showing the result', async () => {
    const g = finished(h.placedIn('C1'));
    machine.onStatus(event(g, { kind: 'done', reused: true }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.messages).toHaveLength(1);
    expect(h.messages[0]?.shown.at(-1)).toBe('done');
    expect(h.messages[0]?.reactions).toBe(1);
    expect(shownFinal).toEqual([g.id]);
  });

  it('holds the frames of a sequence until their thread is opened, then posts them there in order', async () => {
    const open = machine.gate('seq-1');
    const frames = [1, 2, 3].map((n) => h.gated('C1', 'seq-1', { id: `frame-${n}` }));
    // The first frame is already finished (a reused image): it still comes first.
    machine.onStatus(event(finished(frames[0]!), { kind: 'done', reused: true }));
    for (const frame of frames.slice(1)) machine.onStatus(event(frame, queued(1)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.messages).toEqual([]);
    open(h.openInto(THREAD) as never);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.messages.map((m) => m.place)).toEqual([THREAD, THREAD, THREAD]);
    expect(recorded.map(([id]) => id)).toEqual(['frame-1', 'frame-2', 'frame-3']);
    expect(h.messages[0]?.shown.at(-1)).toBe('done');
  });

  it('posts gated frames at their recorded place when no gate is known (a restarted process)', async () => {
    const frame = h.gated('C1', 'seq-from-before');
    machine.onStatus(event(frame, queued(1)));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.messages.map((m) => [m.place, m.shown])).toEqual([['C1', ['queued:1']]]);
  });

  it('ignores the jobs of other platforms', async () => {
    const g = h.placedIn('C1', { platform: h.platform === 'discord' ? 'slack' : 'discord' });
    machine.onStatus(event(g, queued(1)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.messages).toEqual([]);
  });

  it('flush sends a pending edit at once (shutdown) without waiting for the job to finish', async () => {
    const g = h.placedIn('C1');
    machine.onStatus(event(g, queued(1)));
    await vi.advanceTimersByTimeAsync(0);
    machine.onStatus(event(g, generating(0.6)));
    await machine.flush();
    expect(h.messages[0]?.shown).toEqual(['queued:1', 'generating']);
  });
});
