import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Requester } from '../../../src/core/types.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
const params = { catalogId: 'capitao-caverna', options: {} };

let fixture: CoreFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const waitUntil = async (predicate: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * The service's logic (validation, reuse, re-roll windows, NSFW, provider errors, queue positions, prompt
 * cache, sequences) is tested over in-memory ports in test/unit/core/generation; here, what only the real
 * parts show: a job through libSQL, the fal emulator, sharp and local storage, and a restart that follows
 * the persisted request id.
 */
describe('generation service (real libSQL, local storage, fal emulator)', () => {
  it('takes a request through the provider to a stored image and a done record', async () => {
    fixture = await startCoreFixture();
    const { core, fal } = fixture;
    const created = await core.service.request({ requester: alice, params });
    expect(created.status).toBe('queued');
    const done = await core.service.waitFor(created.id);
    expect(done.status).toBe('done');
    expect(done.requestId).toBeTruthy();
    expect(done.imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/media\/images\/\d{4}\/\d{2}\/.+\.png$/);
    expect(existsSync(join(fixture.dir, 'media', done.imageKey!))).toBe(true);
    expect(existsSync(join(fixture.dir, 'media', done.thumbKey!))).toBe(true);
    expect(done.costMicros).toBeGreaterThan(0);
    const kinds = fixture.eventsFor(created.id).map((e) => e.update.kind);
    expect(kinds.at(-1)).toBe('done');
    expect(kinds).toContain('submitted');
    expect(kinds).toContain('storing');
    expect(kinds.indexOf('submitted')).toBeLessThan(kinds.indexOf('storing'));
    expect(fal.stats().submits).toBe(1);
  });

  it('resumes a job after a restart by its request id, without submitting again', async () => {
    fixture = await startCoreFixture({ knobs: { latencyMs: 1_500 } });
    const { core, fal } = fixture;
    const created = await core.service.request({ requester: alice, params });
    await waitUntil(async () => Boolean((await core.service.get(created.id))?.requestId));
    await core.close(0);
    const restarted = await fixture.restart();
    const parked = await restarted.generations.get(created.id);
    expect(parked?.status).not.toBe('done');
    expect(parked?.requestId).toBeTruthy();
    await restarted.service.resume();
    const done = await restarted.service.waitFor(created.id);
    expect(done.status).toBe('done');
    expect(done.requestId).toBe(parked?.requestId);
    expect(fal.stats().submits).toBe(1);
  });
});
