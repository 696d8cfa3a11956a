import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import type { FalProvider } from '../../../src/infra/fal/fal-provider.js';
import { caught, createTestProvider, input, PRIMARY, recorder } from './provider-fixture.js';

let emu: FalEmulator;
const open: FalProvider[] = [];

/** A provider that would only notice completion late if it polled: its poll interval is 3 s. */
function provider(statusStream?: boolean): FalProvider {
  const created = createTestProvider(emu.url, {
    timeouts: { pollIntervalMs: 3_000, waitMs: 10_000, requestMs: 2_000, submitMs: 2_000, downloadMs: 2_000 },
    ...(statusStream === undefined ? {} : { statusStream }),
  });
  open.push(created);
  return created;
}

beforeAll(async () => {
  // No image rendering: these tests time the status path, not the placeholder renderer.
  emu = await startFalEmulator({
    knobs: { latencyMs: 200 },
    render: async ({ width, height }) => ({ png: Buffer.from('not a png'), width, height }),
  });
});
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  emu.reset();
});
afterAll(async () => {
  await emu.close();
});

describe('fal status stream', () => {
  it('learns of completion when fal completes, over one status request, progress included', async () => {
    const fal = provider();
    const job = await fal.submit(input());
    const rec = recorder();
    const result = await fal.wait(job, rec.onUpdate);
    expect(result.images).toHaveLength(1);
    // One status request from submit to completion: the stream, not polling (which asks every 3 s).
    expect(emu.stats()).toMatchObject({ statusRequests: 1, resultRequests: 1 });
    expect(rec.updates).toContainEqual({ state: 'IN_PROGRESS', progress: 1 });
    expect(rec.updates.at(-1)).toEqual({ state: 'COMPLETED' });
  });

  it('polls when streaming is off (statusStream: false)', async () => {
    const fal = provider(false);
    const job = await fal.submit(input());
    const started = Date.now();
    await fal.wait(job, () => {});
    // First poll before completion, the next one 3 s later.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(emu.stats().statusRequests).toBeGreaterThanOrEqual(2);
  });

  it('reports what fal answered when the stream cannot be opened (unknown request: job_not_found)', async () => {
    const fal = provider();
    const error = await caught(fal.wait({ requestId: 'no-such-request', model: PRIMARY }, () => {}));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'job_not_found', status: 404 } });
  });

  it('resumes over the stream a job that finished while nobody was watching', async () => {
    const fal = provider();
    const job = await fal.submit(input());
    await vi.waitFor(() => expect(emu.stats().completed).toBe(1), { timeout: 5_000 });
    const rec = recorder();
    const result = await provider().wait({ requestId: job.requestId, model: job.model }, rec.onUpdate);
    expect(result.requestId).toBe(job.requestId);
    expect(rec.updates).toEqual([{ state: 'COMPLETED' }]);
    expect(emu.stats()).toMatchObject({ submits: 1, statusRequests: 1 });
  });

  it('closes the stream and cancels at fal when the job outlives waitMs', async () => {
    emu.setKnobs({ hang: true });
    const fal = createTestProvider(emu.url, { timeouts: { pollIntervalMs: 10, waitMs: 400 } });
    open.push(fal);
    const job = await fal.submit(input());
    const started = Date.now();
    const error = await caught(fal.wait(job, () => {}));
    expect(error).toMatchObject({ errorClass: 'retryable', info: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    await vi.waitFor(() => expect(emu.stats().cancelRequests).toBe(1));
  });
});
