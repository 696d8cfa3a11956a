import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import {
  alice,
  type FaultFixture,
  paramsFor,
  startFaultCore,
  statusCounts,
  waitUntil,
} from './fault-fixture.js';

let fixture: FaultFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('process-level faults', () => {
  it('answers a request made while stopping with a clear "paused" UserError and records nothing', async () => {
    fixture = await startFaultCore({ env: { PROVIDER_CONCURRENCY: '1' }, knobs: { latencyMs: 400 } });
    const f = fixture;
    const running = await f.core.service.request({ requester: alice, params: paramsFor('in flight') });
    const waiting = await f.core.service.request({ requester: alice, params: paramsFor('waiting') });
    await waitUntil('first job at fal', async () =>
      Boolean((await f.core.service.get(running.id))?.requestId),
    );

    const stopping = f.core.service.stop(100);
    const refused = f.core.service.request({ requester: alice, params: paramsFor('too late') });
    await expect(refused).rejects.toBeInstanceOf(UserError);
    await expect(refused).rejects.toMatchObject({
      code: 'paused',
      message: 'Atelier is restarting. Please try again in a minute.',
    });
    await stopping;
    // Nothing recorded for the refused request; both earlier jobs are parked, not lost.
    const counts = await statusCounts(f.core);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(counts.queued).toBe(1);
    expect((counts.submitted ?? 0) + (counts.generating ?? 0)).toBe(1);
    expect(f.core.service.stats()).toMatchObject({ parked: 2, failed: 0 });
    expect(f.fal.stats().submits).toBe(1);

    const restarted = await f.restart();
    expect(await restarted.service.resume()).toBe(2);
    const done = await Promise.all([running, waiting].map((j) => restarted.service.waitFor(j.id)));
    expect(done.map((g) => g.status)).toEqual(['done', 'done']);
    // The job already at fal was followed by its request id, not submitted again.
    expect(done[0]?.requestId).toBe((await restarted.service.get(running.id))?.requestId);
    expect(f.fal.stats().submits).toBe(2);
    expect(await f.mediaFiles()).toHaveLength(4);
  });
});
