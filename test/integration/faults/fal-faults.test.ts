import { afterEach, describe, expect, it } from 'vitest';
import type { Generation } from '../../../src/core/types.js';
import { USER_MESSAGES } from '../../../src/infra/fal/classify-error.js';
import {
  alice,
  FALLBACK,
  type FaultFixture,
  PRIMARY,
  paramsFor,
  startFaultCore,
  statusCounts,
  tuned,
  waitUntil,
} from './fault-fixture.js';

let fixture: FaultFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function requestOne(f: FaultFixture, label: string) {
  const created = await f.core.service.request({ requester: alice, params: paramsFor(label) });
  return created;
}

/** Submits the emulator saw for a job, found by its unique extra text. */
const submitsFor = (f: FaultFixture, label: string) =>
  Object.entries(f.fal.stats().submitsByPrompt)
    .filter(([prompt]) => prompt.includes(label))
    .reduce((sum, [, n]) => sum + n, 0);

describe('fal faults through the real core', () => {
  it('finishes every job under latency spread without exceeding PROVIDER_CONCURRENCY at fal', async () => {
    fixture = await startFaultCore({
      env: { PROVIDER_CONCURRENCY: '3' },
      knobs: { latencyMs: 80, latencySpreadMs: 70, concurrency: 20 },
    });
    const f = fixture;
    const labels = Array.from({ length: 12 }, (_, i) => `spread job [${i}]`);
    const jobs: Generation[] = [];
    for (const [i, label] of labels.entries())
      jobs.push(
        await f.core.service.request({ requester: { ...alice, userId: `u${i}` }, params: paramsFor(label) }),
      );
    const finals = await Promise.all(jobs.map((j) => f.terminal(j.id)));

    expect(finals.map((e) => e.update.kind)).toEqual(labels.map(() => 'done'));
    const stats = f.fal.stats();
    expect(stats.peakInProgress).toBeLessThanOrEqual(3);
    expect(stats.peakInProgress).toBeGreaterThanOrEqual(2);
    expect(stats.submits).toBe(labels.length);
    for (const label of labels) expect(submitsFor(f, label)).toBe(1);
    // One image and one thumbnail per job, named by its id.
    const files = await f.mediaFiles();
    expect(files).toHaveLength(labels.length * 2);
    for (const job of jobs) expect(files.filter((file) => file.includes(job.id))).toHaveLength(2);
    expect(await statusCounts(f.core)).toEqual({ done: labels.length });
  });

  it('retries a 5xx burst on submit with backoff and succeeds with one accepted job', async () => {
    fixture = await startFaultCore({ knobs: { failNextSubmits: 2, failureStatus: 503 } });
    const job = await requestOne(fixture, 'burst-ok');
    const final = await fixture.terminal(job.id);

    expect(final.update).toEqual({ kind: 'done', reused: false });
    expect(submitsFor(fixture, 'burst-ok')).toBe(3);
    expect(fixture.fal.stats().accepted).toBe(1);
    // Exponential backoff (jitter pinned to its ceiling by the tuning): 20 ms, then 40 ms.
    const retries = fixture.logs.filter((l) => l.msg === 'fal submit failed; retrying');
    expect(retries.map((l) => l.delayMs)).toEqual([20, 40]);
    expect(await fixture.mediaFiles()).toHaveLength(2);
  });

  it('gives up on a long 5xx burst after the bounded attempts and says a retry helps', async () => {
    fixture = await startFaultCore({ knobs: { failNextSubmits: 50, failureStatus: 502 } });
    const job = await requestOne(fixture, 'burst-fail');
    const final = await fixture.terminal(job.id);

    expect(final.update).toMatchObject({ kind: 'failed', errorClass: 'retryable', retryable: true });
    expect(final.update.kind === 'failed' && final.update.message).toMatch(/try again/);
    expect(submitsFor(fixture, 'burst-fail')).toBe(3);
    expect(fixture.fal.stats().accepted).toBe(0);
    const record = await fixture.core.service.get(job.id);
    expect(record).toMatchObject({ status: 'failed', errorClass: 'retryable', requestId: null });
    expect(await fixture.mediaFiles()).toEqual([]);
  });

  it('rides out 429s on submit: succeeds once they stop, fails retryable when they do not', async () => {
    fixture = await startFaultCore({
      knobs: { rateLimit429Rate: 1 },
      tuning: tuned({
        provider: { retry: { submit: { attempts: 3, baseMs: 150, capMs: 300 } } },
      }),
    });
    const f = fixture;
    const first = await requestOne(f, 'rate-a');
    // The first 429 has been answered; the retry waits 150 ms, long after this knob change.
    await waitUntil('first 429', () => submitsFor(f, 'rate-a') >= 1);
    f.fal.setKnobs({ rateLimit429Rate: 0 });
    expect((await f.terminal(first.id)).update.kind).toBe('done');
    expect(submitsFor(f, 'rate-a')).toBe(2);

    f.fal.setKnobs({ rateLimit429Rate: 1 });
    const second = await requestOne(f, 'rate-b');
    const final = await f.terminal(second.id);
    expect(final.update).toMatchObject({ kind: 'failed', errorClass: 'retryable', retryable: true });
    expect(submitsFor(f, 'rate-b')).toBe(3);
    expect(f.fal.stats().accepted).toBe(1);
  });

  it('fails a 422 as the user’s to fix, after exactly one submit', async () => {
    fixture = await startFaultCore({ knobs: { reject422: true } });
    const job = await requestOne(fixture, 'bad-input');
    const final = await fixture.terminal(job.id);

    expect(final.update).toMatchObject({
      kind: 'failed',
      errorClass: 'user',
      retryable: false,
      message: USER_MESSAGES.contentPolicy,
    });
    expect(fixture.fal.stats().submits).toBe(1);
    expect(await fixture.mediaFiles()).toEqual([]);
    expect((await fixture.core.service.get(job.id))?.status).toBe('failed');
  });

  it('fails a hung job retryable after the wait timeout, cancels it at fal and frees its slot', async () => {
    fixture = await startFaultCore({
      env: { PROVIDER_CONCURRENCY: '1' },
      knobs: { hang: true },
      tuning: tuned({ provider: { timeouts: { waitMs: 1_500 } } }),
    });
    const f = fixture;
    const started = Date.now();
    const hung = await requestOne(f, 'hung');
    const final = await f.terminal(hung.id);

    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(final.update).toMatchObject({ kind: 'failed', errorClass: 'retryable', retryable: true });
    expect(final.update.kind === 'failed' && final.update.message).toMatch(/took too long.*try again/);
    // The cancel is sent without waiting for it.
    await waitUntil('cancel at fal', () => f.fal.stats().cancelRequests === 1);
    expect(f.fal.stats().submits).toBe(1);
    // The one provider slot is free again: the next job runs.
    f.fal.setKnobs({ hang: false });
    const next = await requestOne(f, 'after-hang');
    expect((await f.terminal(next.id)).update.kind).toBe('done');
    expect(f.fal.stats().submits).toBe(2);
  });

  it('recovers when a completed job’s result answers 500 for a while, and gives up after bounded tries', async () => {
    fixture = await startFaultCore({ knobs: { completedThen500: 2 } });
    const f = fixture;
    const job = await requestOne(f, 'flaky-result');
    expect((await f.terminal(job.id)).update.kind).toBe('done');
    expect(f.fal.stats()).toMatchObject({ submits: 1, resultRequests: 3 });

    f.fal.setKnobs({ completedThen500: 100 });
    const broken = await requestOne(f, 'broken-result');
    const final = await f.terminal(broken.id);
    expect(final.update).toMatchObject({ kind: 'failed', retryable: true });
    // Four result fetches (the policy's attempts) for the second job, no second submit.
    expect(f.fal.stats()).toMatchObject({ submits: 2, resultRequests: 3 + 4 });
    expect(await f.mediaFiles()).toHaveLength(2);
  });

  it('blocks images the safety checker flags and stores nothing', async () => {
    fixture = await startFaultCore({ knobs: { nsfwRate: 1 } });
    const job = await requestOne(fixture, 'flagged');
    const final = await fixture.terminal(job.id);

    expect(final.update.kind).toBe('blocked');
    expect(final.update.kind === 'blocked' && final.update.message).toMatch(/safety filter/);
    expect(await fixture.mediaFiles()).toEqual([]);
    expect(fixture.fal.stats()).toMatchObject({ submits: 1, mediaRequests: 0 });
    expect(await fixture.core.service.get(job.id)).toMatchObject({ status: 'blocked', imageKey: null });
  });

  it('re-fetches the result when media URLs expired, storing the image once', async () => {
    fixture = await startFaultCore({
      knobs: { mediaExpired: true },
      tuning: tuned({ generation: { store: { attempts: 4, baseMs: 150, capMs: 300 } } }),
    });
    const f = fixture;
    const job = await requestOne(f, 'expired-once');
    // The first download got a 404; the store retry waits 150 ms before downloading again.
    await waitUntil('first expired download', () => f.fal.stats().mediaRequests >= 1);
    f.fal.setKnobs({ mediaExpired: false });
    expect((await f.terminal(job.id)).update.kind).toBe('done');

    expect(f.fal.stats()).toMatchObject({ submits: 1, resultRequests: 2, mediaRequests: 2 });
    const files = await f.mediaFiles();
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.includes(job.id))).toBe(true);
  });

  it('fails clearly when media stays expired, after bounded re-fetches', async () => {
    fixture = await startFaultCore({ knobs: { mediaExpired: true } });
    const job = await requestOne(fixture, 'expired-for-good');
    const final = await fixture.terminal(job.id);

    expect(final.update).toMatchObject({ kind: 'failed', errorClass: 'retryable', retryable: true });
    expect(final.update.kind === 'failed' && final.update.message).toMatch(/no longer had it.*try again/);
    // Four download attempts, a fresh result before each retry (three), one submit, nothing stored.
    expect(fixture.fal.stats()).toMatchObject({ submits: 1, mediaRequests: 4, resultRequests: 1 + 3 });
    expect(await fixture.mediaFiles()).toEqual([]);
  });

  it('opens the primary model’s circuit, falls back, and recovers through half-open', async () => {
    const RESET_MS = 2_500;
    fixture = await startFaultCore({
      env: { FAL_MODEL: PRIMARY, FAL_FALLBACK_MODELS: FALLBACK, PROVIDER_CONCURRENCY: '2' },
      knobs: { perModel: { [PRIMARY]: { failureRate: 1 } } },
      tuning: tuned({
        provider: {
          breaker: {
            volumeThreshold: 3,
            errorThresholdPercentage: 50,
            resetTimeoutMs: RESET_MS,
            rollingCountTimeoutMs: 10_000,
          },
        },
      }),
    });
    const f = fixture;
    const fallbackSubmits = () => f.fal.stats().byModel[FALLBACK]?.submits ?? 0;
    const first = await requestOne(f, 'breaker [1]');
    // Checked the moment the job reached the fallback: well inside the reset timeout.
    await waitUntil('first fallback submit', () => fallbackSubmits() === 1);
    // Three failed attempts (the retry policy) opened the circuit; that is what readiness reads.
    expect(f.fal.stats().byModel[PRIMARY]).toMatchObject({ submits: 3, accepted: 0 });
    expect(f.core.provider.health().circuit).toEqual({ [PRIMARY]: 'open', [FALLBACK]: 'closed' });
    const second = await requestOne(f, 'breaker [2]');
    await waitUntil('second fallback submit', () => fallbackSubmits() === 2);
    expect(f.fal.stats().byModel[PRIMARY]?.submits).toBe(3);

    for (const job of [first, second]) {
      expect((await f.terminal(job.id)).update.kind).toBe('done');
      expect((await f.core.service.get(job.id))?.model).toBe(FALLBACK);
    }
    expect(f.fal.stats().byModel[FALLBACK]).toMatchObject({ submits: 2, accepted: 2 });

    f.fal.setKnobs({ perModel: {} });
    await waitUntil(
      'half-open',
      () => f.core.provider.health().circuit[PRIMARY] === 'halfOpen',
      RESET_MS * 5,
    );
    const recovered = await requestOne(f, 'breaker [3]');
    expect((await f.terminal(recovered.id)).update.kind).toBe('done');
    expect((await f.core.service.get(recovered.id))?.model).toBe(PRIMARY);
    expect(f.core.provider.health().circuit[PRIMARY]).toBe('closed');
    expect(f.fal.stats().byModel[PRIMARY]).toMatchObject({ submits: 4, accepted: 1 });
  });
});
