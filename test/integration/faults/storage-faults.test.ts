import { afterEach, describe, expect, it } from 'vitest';
import type { Generation } from '../../../src/core/types.js';
import {
  alice,
  type FaultFixture,
  paramsFor,
  startFaultCore,
  statusCounts,
  tuned,
  waitUntil,
} from './fault-fixture.js';
import { type RestartableS3rver, startRestartableS3rver } from './restartable-s3rver.js';

let fixture: FaultFixture | undefined;
let s3: RestartableS3rver | undefined;
afterEach(async () => {
  await fixture?.close();
  await s3?.dispose();
  fixture = undefined;
  s3 = undefined;
});

const storeRetries = (f: FaultFixture, jobId: string) =>
  f.logs.filter((l) => l.msg === 'storing the image failed; retrying' && l.jobId === jobId).length;

describe('object storage down mid-run (R2 driver against s3rver)', () => {
  it('keeps jobs storing while s3rver is down, then finishes each with exactly one stored image', async () => {
    s3 = await startRestartableS3rver('faults-media');
    fixture = await startFaultCore({
      env: { ...s3.env(), PROVIDER_CONCURRENCY: '3' },
      knobs: { latencyMs: 150 },
      // About 8 s of patience before a job would give up; the outage below lasts well under that.
      tuning: tuned({ generation: { store: { attempts: 40, baseMs: 50, capMs: 200 } } }),
    });
    const f = fixture;
    const storage = s3;
    const jobs: Generation[] = [];
    for (const label of ['s3 [1]', 's3 [2]', 's3 [3]'])
      jobs.push(await f.core.service.request({ requester: alice, params: paramsFor(label) }));
    // Down before any job reaches storing (the images take 150 ms at fal).
    await storage.stop();

    await waitUntil('every job retried storing twice', () => jobs.every((j) => storeRetries(f, j.id) >= 2));
    for (const job of jobs) {
      expect((await f.core.service.get(job.id))?.status).toBe('storing');
      expect(f.eventsFor(job.id).map((e) => e.update.kind)).toContain('storing');
      expect(f.eventsFor(job.id).some((e) => ['done', 'failed', 'blocked'].includes(e.update.kind))).toBe(
        false,
      );
    }

    await storage.start();
    const finals = await Promise.all(jobs.map((j) => f.terminal(j.id)));
    expect(finals.map((e) => e.update.kind)).toEqual(['done', 'done', 'done']);
    const records = await Promise.all(jobs.map((j) => f.core.service.get(j.id)));
    const expected = records.flatMap((r) => [r!.imageKey!, r!.thumbKey!]).sort();
    // Nothing more than one image and one thumbnail per job, under the keys the records name.
    expect(await storage.keys()).toEqual(expected);
    for (const r of records) expect(r?.imageUrl).toBe(`https://media.example.test/${r?.imageKey}`);
    expect(f.fal.stats().submits).toBe(3);
    expect(await statusCounts(f.core)).toEqual({ done: 3 });
  });

  it('fails a job clearly once storage stays down past the retry budget', async () => {
    s3 = await startRestartableS3rver('faults-media');
    fixture = await startFaultCore({
      env: s3.env(),
      tuning: tuned({ generation: { store: { attempts: 3, baseMs: 20, capMs: 40 } } }),
    });
    await s3.stop();
    const job = await fixture.core.service.request({ requester: alice, params: paramsFor('s3 down') });
    const final = await fixture.terminal(job.id);

    expect(final.update).toMatchObject({ kind: 'failed', errorClass: 'retryable', retryable: true });
    expect(final.update.kind === 'failed' && final.update.message).toMatch(/could not be saved.*try again/);
    expect(storeRetries(fixture, job.id)).toBe(2);
    expect(fixture.fal.stats().submits).toBe(1);
    await s3.start();
    expect(await s3.keys()).toEqual([]);
  });
});
