import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { ProviderError } from '../../../src/core/errors.js';
import type { ProviderUpdate } from '../../../src/core/ports.js';
import type { FalProvider } from '../../../src/infra/fal/fal-provider.js';
import { createLogger } from '../../../src/infra/logger.js';
import { createGatedRender } from './gated-render.js';
import { caught, createTestProvider, input, PRIMARY, recorder } from './provider-fixture.js';

const gate = createGatedRender();
let emu: FalEmulator;
let provider: FalProvider;

beforeAll(async () => {
  emu = await startFalEmulator({ render: gate.render, knobs: { latencyMs: 5 } });
});
// A fresh provider per test: failures in one test must not leave a circuit open for the next.
beforeEach(() => {
  provider = createTestProvider(emu.url);
});
afterEach(() => {
  provider.close();
  gate.releaseAll();
  emu.reset();
});
afterAll(async () => {
  gate.releaseAll();
  await emu.close();
});

/**
 * How long a condition may take: vi.waitFor's default of 1 s is less than a loaded machine can take for a
 * status poll and its answer. Only the ceiling: each wait ends as soon as its condition holds.
 */
const SETTLE = { timeout: 10_000, interval: 20 };

const states = (updates: ProviderUpdate[]) => updates.map((u) => u.state);
const rank = { IN_QUEUE: 0, IN_PROGRESS: 1, COMPLETED: 2 } as const;

describe('fal provider against the emulator', () => {
  it('follows IN_QUEUE → IN_PROGRESS → COMPLETED with positions moving up (concurrency 1, 3 jobs)', async () => {
    emu.setKnobs({ concurrency: 1 });
    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push(await provider.submit(input()));
    const recs = jobs.map(() => recorder());
    const results = jobs.map((job, i) => provider.wait(job, recs[i]!.onUpdate));
    const [first, , third] = recs;

    await vi.waitFor(() => expect(third!.updates).toContainEqual({ state: 'IN_QUEUE', position: 1 }), SETTLE);
    await vi.waitFor(() => expect(states(first!.updates)).toContain('IN_PROGRESS'), SETTLE);
    gate.release();
    await vi.waitFor(() => expect(third!.updates).toContainEqual({ state: 'IN_QUEUE', position: 0 }), SETTLE);
    await vi.waitFor(() => expect(gate.waiting).toBe(1), SETTLE);
    gate.release();
    // The last job cannot complete before its render is released: wait until its progress was seen.
    await vi.waitFor(
      () => expect(third!.updates).toContainEqual({ state: 'IN_PROGRESS', progress: 1 }),
      SETTLE,
    );
    gate.release();
    const done = await Promise.all(results);

    for (const rec of recs) {
      const order = rec.updates.map((u) => rank[u.state]);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(rec.updates.at(-1)).toEqual({ state: 'COMPLETED' });
    }
    const positions = third!.updates.flatMap((u) => (u.state === 'IN_QUEUE' ? [u.position] : []));
    expect(positions).toEqual([1, 0]);
    const progress = third!.updates.flatMap((u) =>
      u.state === 'IN_PROGRESS' && u.progress ? [u.progress] : [],
    );
    expect(progress.at(-1)).toBe(1);
    expect(done.map((r) => r.requestId)).toEqual(jobs.map((j) => j.requestId));
    expect(done[0]).toMatchObject({ model: PRIMARY, seed: 1234, nsfw: [false] });
    expect(done[0]?.images[0]).toMatchObject({ width: 512, height: 384, contentType: 'image/png' });
    expect(emu.stats()).toMatchObject({ peakInProgress: 1, completed: 3, accepted: 3 });
  });

  it('classifies 422 as a user error with a safe message and never retries it', async () => {
    const error = await caught(provider.submit(input('a bad idea __422__')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ errorClass: 'user', info: { status: 422, code: 'content_policy' } });
    expect((error as Error).message).not.toMatch(/http|fal answered/i);
    expect(emu.stats().submits).toBe(1);
  });

  it('retries a 5xx burst itself; the client adds no hidden retries (no duplicate jobs)', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => done(void lines.push(String(chunk))) });
    const logged = createTestProvider(emu.url, { log: createLogger('warn', sink) });
    emu.setKnobs({ failNextSubmits: 2, failureStatus: 503 });
    const job = await logged.submit(input('burst then success'));
    logged.close();
    expect(job.model).toBe(PRIMARY);
    expect(emu.stats()).toMatchObject({ submits: 3, accepted: 1 });
    expect(emu.stats().submitsByPrompt['burst then success']).toBe(3);
    // Both failures reached our code (the client swallowed none of them) and our backoff retried them.
    expect(lines.filter((l) => l.includes('fal submit failed; retrying'))).toHaveLength(2);
  });

  it('gives up after its attempts with a retryable error, having sent exactly that many submits', async () => {
    emu.setKnobs({ failureRate: 1, failureStatus: 502 });
    const error = await caught(provider.submit(input('always failing')));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'server_error', status: 502 } });
    expect(emu.stats()).toMatchObject({ submits: 3, accepted: 0 });
  });

  it('treats 429 as retryable', async () => {
    emu.setKnobs({ rateLimit429Rate: 1 });
    const error = await caught(provider.submit(input()));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'rate_limited', status: 429 } });
    expect(emu.stats().submits).toBe(3);
  });

  it('treats bad credentials as fatal, without retrying', async () => {
    const strict = await startFalEmulator({ keys: ['the-real-key'], knobs: { latencyMs: 5 } });
    const wrong = createTestProvider(strict.url, { key: 'not-the-key' });
    try {
      const error = await caught(wrong.submit(input()));
      expect(error).toMatchObject({ errorClass: 'fatal', info: { status: 401, code: 'unauthorized' } });
      expect(strict.stats().unauthorized).toBe(1);
    } finally {
      wrong.close();
      await strict.close();
    }
  });

  it('maps has_nsfw_concepts to nsfw flags', async () => {
    const flagged = await provider.submit(input('something __nsfw__'));
    const clean = await provider.submit(input('something nice'));
    const pending = [provider.wait(flagged, () => {}), provider.wait(clean, () => {})];
    await vi.waitFor(() => expect(gate.waiting).toBe(2), SETTLE);
    gate.releaseAll();
    const [a, b] = await Promise.all(pending);
    expect(a?.nsfw).toEqual([true]);
    expect(b?.nsfw).toEqual([false]);
  });

  it('recovers when the result answers 500 after COMPLETED', async () => {
    emu.setKnobs({ completedThen500: 2 });
    const job = await provider.submit(input());
    const pending = provider.wait(job, () => {});
    await vi.waitFor(() => expect(gate.waiting).toBe(1), SETTLE);
    gate.release();
    const result = await pending;
    expect(result.images).toHaveLength(1);
    expect(emu.stats().resultRequests).toBe(3);
  });

  it('downloads result images and classifies expired media', async () => {
    const job = await provider.submit(input());
    const pending = provider.wait(job, () => {});
    await vi.waitFor(() => expect(gate.waiting).toBe(1), SETTLE);
    gate.release();
    const { images } = await pending;
    const url = images[0]?.url ?? '';
    const file = await provider.download(url);
    expect(file.contentType).toBe('image/png');
    expect(file.body.subarray(1, 4).toString()).toBe('PNG');

    emu.setKnobs({ mediaExpired: true });
    const error = await caught(provider.download(url));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'media_expired', status: 404 } });
  });

  it('refuses downloads over the size limit', async () => {
    const tiny = createTestProvider(emu.url, { maxDownloadBytes: 100 });
    try {
      const job = await tiny.submit(input());
      const pending = tiny.wait(job, () => {});
      await vi.waitFor(() => expect(gate.waiting).toBe(1), SETTLE);
      gate.release();
      const { images } = await pending;
      const error = await caught(tiny.download(images[0]?.url ?? ''));
      expect(error).toMatchObject({ errorClass: 'fatal', info: { code: 'too_large' } });
    } finally {
      tiny.close();
    }
  });
});
