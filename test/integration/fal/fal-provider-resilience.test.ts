import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import type { FalProvider } from '../../../src/infra/fal/fal-provider.js';
import { caught, createTestProvider, FALLBACK, input, PRIMARY, recorder } from './provider-fixture.js';

let emu: FalEmulator;
const open: FalProvider[] = [];

function provider(overrides: Parameters<typeof createTestProvider>[1] = {}): FalProvider {
  const created = createTestProvider(emu.url, overrides);
  open.push(created);
  return created;
}

beforeAll(async () => {
  emu = await startFalEmulator({ knobs: { latencyMs: 10 } });
});
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  emu.reset();
});
afterAll(async () => {
  await emu.close();
});

describe('fal provider resilience', () => {
  it('opens the primary circuit after repeated failures, falls back, then recovers through half-open', async () => {
    const RESET_MS = 1_000;
    const fal = provider({
      models: [PRIMARY, FALLBACK],
      retry: { submit: { attempts: 1, baseMs: 1, capMs: 1 } },
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: RESET_MS },
    });
    emu.setKnobs({ perModel: { [PRIMARY]: { failureRate: 1 } } });

    const jobs = [];
    for (let i = 0; i < 5; i++) jobs.push(await fal.submit(input()));
    expect(jobs.map((j) => j.model)).toEqual(Array(5).fill(FALLBACK));
    // Three failures opened the circuit: the last two submits never reached the primary.
    expect(emu.stats().byModel[PRIMARY]?.submits).toBe(3);
    expect(fal.health().circuit).toEqual({ [PRIMARY]: 'open', [FALLBACK]: 'closed' });

    emu.setKnobs({ perModel: {} });
    await vi.waitFor(() => expect(fal.health().circuit[PRIMARY]).toBe('halfOpen'), { timeout: RESET_MS * 5 });
    const recovered = await fal.submit(input());
    expect(recovered.model).toBe(PRIMARY);
    expect(fal.health().circuit[PRIMARY]).toBe('closed');
    const result = await fal.wait(recovered, () => {});
    expect(result.model).toBe(PRIMARY);
  });

  it('keeps the circuit closed and does not fall back on user errors', async () => {
    const fal = provider({
      models: [PRIMARY, FALLBACK],
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 10, resetTimeoutMs: 60_000 },
    });
    for (let i = 0; i < 4; i++) {
      expect(await caught(fal.submit(input(`nope __422__ ${i}`)))).toMatchObject({ errorClass: 'user' });
    }
    expect(fal.health().circuit[PRIMARY]).toBe('closed');
    expect(emu.stats().byModel[FALLBACK]).toBeUndefined();
    expect(emu.stats().submits).toBe(4);
  });

  it('honours FAL_MODEL preference per request and falls back when it is down', async () => {
    const fal = provider({
      models: [PRIMARY, FALLBACK],
      retry: { submit: { attempts: 2, baseMs: 1, capMs: 2 } },
    });
    emu.setKnobs({ perModel: { [FALLBACK]: { down: true } } });
    const job = await fal.submit(input(undefined, { model: FALLBACK }));
    expect(job.model).toBe(PRIMARY);
    expect(emu.stats().byModel[FALLBACK]?.submits ?? 0).toBe(0);
  });

  it('times out a job that never completes with a retryable error and cancels it at fal', async () => {
    emu.setKnobs({ hang: true });
    const fal = provider({ timeouts: { pollIntervalMs: 10, waitMs: 300 } });
    const job = await fal.submit(input());
    const rec = recorder();
    const error = await caught(fal.wait(job, rec.onUpdate));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'timeout' } });
    expect(rec.updates.at(-1)?.state).toBe('IN_PROGRESS');
    await vi.waitFor(() => expect(emu.stats().cancelRequests).toBe(1));
  });

  it('resumes a job from its request id with a new provider instance (no second submit)', async () => {
    emu.setKnobs({ latencyMs: 200 });
    const before = provider();
    const job = await before.submit(input('resume me'));
    before.close();

    const after = provider();
    const rec = recorder();
    const result = await after.wait({ requestId: job.requestId, model: job.model }, rec.onUpdate);
    expect(result.requestId).toBe(job.requestId);
    expect(rec.updates.at(-1)).toEqual({ state: 'COMPLETED' });
    expect(emu.stats()).toMatchObject({ submits: 1, accepted: 1 });
  });

  it('reports an unknown request id as job_not_found', async () => {
    const fal = provider();
    const error = await caught(fal.wait({ requestId: 'no-such-request', model: PRIMARY }, () => {}));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'job_not_found', status: 404 } });
  });

  it('stops waiting as soon as the caller aborts', async () => {
    emu.setKnobs({ hang: true });
    const fal = provider();
    const job = await fal.submit(input());
    const controller = new AbortController();
    const pending = fal.wait(job, () => controller.abort(new Error('shutting down')), controller.signal);
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('keeps polling through a short outage while waiting', async () => {
    emu.setKnobs({ latencyMs: 150 });
    const fal = provider();
    const job = await fal.submit(input());
    emu.setKnobs({ down: true });
    setTimeout(() => emu.setKnobs({ down: false }), 100);
    // Status checks answered 503 meanwhile: wait() must poll through them, not fail.
    const result = await fal.wait(job, () => {});
    expect(result.images).toHaveLength(1);
  });
});
