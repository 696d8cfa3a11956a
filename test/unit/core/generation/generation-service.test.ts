import { describe, expect, it, vi } from 'vitest';
import { ProviderError, StorageError, UserError } from '../../../../src/core/errors.js';
import type { Requester } from '../../../../src/core/types.js';
import { fakeImage } from './in-memory-ports.js';
import { startInMemoryService } from './in-memory-service.js';

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
const bob: Requester = { ...alice, userId: 'bob' };
const params = { catalogId: 'capitao-caverna', options: {} };

/** Resolves `release()` later, to hold a job at the provider. */
function gate() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

describe('generation service over in-memory ports', () => {
  it('takes a request through the provider to a stored image and a done record', async () => {
    const f = await startInMemoryService();
    const created = await f.service.request({ requester: alice, params });
    expect(created.status).toBe('queued');
    const done = await f.service.waitFor(created.id);
    expect(done).toMatchObject({ status: 'done', requestId: 'req-1', width: 1024, height: 1024 });
    expect(f.store.objects.get(done.imageKey!)?.contentType).toBe('image/png');
    expect(f.store.objects.get(done.thumbKey!)?.contentType).toBe('image/webp');
    expect(done.imageUrl).toBe(`http://media.test/${done.imageKey}`);
    expect(done.costMicros).toBeGreaterThan(0);
    expect(f.eventsFor(created.id).map((e) => e.update.kind)).toEqual(['submitted', 'storing', 'done']);
    expect(f.provider.submits).toHaveLength(1);
    expect(f.provider.submits[0]?.seed).toBe(done.seed);
  });

  it('refuses invalid input with a UserError and records nothing', async () => {
    const f = await startInMemoryService();
    const attempt = f.service.request({
      requester: alice,
      params: { catalogId: 'capitao-caverna', options: { style: 'comci' } },
    });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/Did you mean/);
    expect(f.generations.rows.size).toBe(0);
    expect(f.prompts.entries.size).toBe(0);
    expect(f.provider.submits).toHaveLength(0);
  });

  it('reuses the stored image for the same prompt, model and explicit seed', async () => {
    const f = await startInMemoryService();
    const first = await f.service.waitFor(
      (await f.service.request({ requester: alice, params, seed: 42 })).id,
    );
    const second = await f.service.request({ requester: bob, params, seed: 42 });
    expect(second).toMatchObject({ status: 'done', imageUrl: first.imageUrl, costMicros: 0 });
    expect(second.statusDetail).toBe(`reused:${first.id}`);
    expect(f.provider.submits).toHaveLength(1);
    // Without an explicit seed nothing is reused.
    await f.service.waitFor((await f.service.request({ requester: bob, params })).id);
    expect(f.provider.submits).toHaveLength(2);
  });

  it('re-rolls with a new seed, linked to the original, once per window, only for the requester', async () => {
    const f = await startInMemoryService();
    const original = await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    await expect(f.service.reroll(original.id, bob)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(f.service.reroll('nope', alice)).rejects.toMatchObject({ code: 'not_found' });
    const [a, b] = await Promise.all([
      f.service.reroll(original.id, alice),
      f.service.reroll(original.id, alice),
    ]);
    const reroll = await f.service.waitFor(a.id);
    expect(b.id === a.id || b.id === original.id).toBe(true);
    expect(reroll).toMatchObject({ parentId: original.id, options: original.options });
    expect(reroll.seed).not.toBe(original.seed);
    // Still inside the 10 s window: the same re-roll again; past it, a new one.
    f.clock.advance(9_999);
    expect((await f.service.reroll(original.id, alice)).id).toBe(a.id);
    f.clock.advance(1);
    const later = await f.service.reroll(original.id, alice);
    expect(later.id).not.toBe(a.id);
    await f.service.waitFor(later.id);
    expect(f.provider.submits).toHaveLength(3);
  });

  it('blocks a result whose every image is flagged, and posts the first safe one otherwise', async () => {
    const f = await startInMemoryService();
    f.provider.script({ nsfw: [true] }, { nsfw: [true, false] });
    const blocked = await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    expect(blocked).toMatchObject({ status: 'blocked', imageKey: null, statusDetail: 'nsfw' });
    expect(f.eventsFor(blocked.id).at(-1)?.update.kind).toBe('blocked');
    const posted = await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    expect(posted.status).toBe('done');
    expect(posted.statusDetail).toBeNull();
    expect(f.store.objects.size).toBe(2);
  });

  it('explains a provider validation error without retrying', async () => {
    const f = await startInMemoryService();
    f.provider.script({ submitError: new ProviderError('user', 'The prompt was refused.', { status: 422 }) });
    const result = await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    expect(result).toMatchObject({ status: 'failed', errorClass: 'user' });
    expect(f.provider.submits).toHaveLength(1);
    expect(f.eventsFor(result.id).at(-1)?.update).toMatchObject({ kind: 'failed', retryable: false });
  });

  it('refuses a result that is not a PNG, JPEG or WebP image (an SVG), as a fatal failure', async () => {
    const f = await startInMemoryService();
    f.provider.script({ body: fakeImage('svg') });
    const result = await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    expect(result).toMatchObject({ status: 'failed', errorClass: 'fatal', imageKey: null });
    expect(f.store.objects.size).toBe(0);
  });

  it('retries storing through a storage outage (backoff on the injected clock) and then delivers', async () => {
    const f = await startInMemoryService({ deps: { tuning: { random: () => 1 } } });
    const put = f.store.put;
    let failures = 2;
    f.store.put = (key, body, meta) =>
      failures-- > 0 ? Promise.reject(new StorageError('the bucket is down')) : put(key, body, meta);
    const started = f.clock.now();
    const done = await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    expect(done.status).toBe('done');
    // Full jitter at random=1: 1 s, then 2 s (DEFAULT_STORE_BACKOFF), slept on the clock, not for real.
    expect(f.clock.now() - started).toBe(3_000);
    expect(f.eventsFor(done.id).filter((e) => e.update.kind === 'storing')).toHaveLength(1);
  });

  it('reports queue positions that count down', async () => {
    const f = await startInMemoryService({ concurrency: 1 });
    const gates = [gate(), gate(), gate(), gate()];
    f.provider.script(...gates.map((g) => ({ hold: g.held })));
    const jobs = [];
    for (const userId of ['u1', 'u2', 'u3', 'u4'])
      jobs.push(await f.service.request({ requester: { ...alice, userId }, params }));
    for (const [i, g] of gates.entries()) {
      await vi.waitFor(() => expect(f.provider.waits).toHaveLength(i + 1));
      g.release();
    }
    await Promise.all(jobs.map((j) => f.service.waitFor(j.id)));
    const positions = f
      .eventsFor(jobs[3]!.id)
      .flatMap((e) => (e.update.kind === 'queued' ? [e.update.position] : []));
    expect(positions).toEqual([3, 2, 1]);
  });

  it('resumes a job after a restart by its request id, without submitting again', async () => {
    const f = await startInMemoryService();
    const held = gate();
    f.provider.script({ hold: held.held });
    const created = await f.service.request({ requester: alice, params });
    await vi.waitFor(() => expect(f.provider.waits).toHaveLength(1));
    await f.service.stop(0);
    const parked = await f.generations.get(created.id);
    expect(parked).toMatchObject({ status: 'submitted', requestId: 'req-1' });
    const restarted = f.restart();
    held.release();
    expect(await restarted.service.resume()).toBe(1);
    const done = await restarted.service.waitFor(created.id);
    expect(done).toMatchObject({ status: 'done', requestId: 'req-1' });
    expect(f.provider.submits).toHaveLength(1);
    expect(f.provider.waits).toEqual(['req-1', 'req-1']);
  });

  it('sends the prompt a job was requested with: built again when the catalog is the same, cached when it changed', async () => {
    const f = await startInMemoryService();
    const built = f.service.validate(params);
    await f.service.waitFor((await f.service.request({ requester: alice, params })).id);
    expect(f.provider.submits.map((s) => s.prompt)).toEqual([built.prompt]);

    // A job recorded under an earlier version of the catalog (its hash is not today's): the cached text goes.
    const hash = 'f'.repeat(64);
    const earlier = 'the prompt as catalog version 0 wrote it';
    await f.prompts.put({
      hash,
      catalogId: built.catalogId,
      prompt: earlier,
      negativePrompt: built.negativePrompt,
      params: '{}',
    });
    const old = await f.generations.create({
      ...alice,
      catalogId: built.catalogId,
      options: built.options,
      extra: '',
      aspect: built.aspect,
      promptHash: hash,
      seed: 7,
      model: f.provider.models[0]!,
    });
    await f.service.resume();
    expect((await f.service.waitFor(old.id)).status).toBe('done');
    expect(f.provider.submits.map((s) => s.prompt)).toEqual([built.prompt, earlier]);
  });

  it('generates every frame of a sequence with one shared seed', async () => {
    const f = await startInMemoryService();
    const catalog = f.catalogs.get('capitao-caverna');
    const frames = await f.service.sequence(alice, params, 7);
    expect(frames).toHaveLength(catalog.sequence!.frames.length);
    expect(new Set(frames.map((g) => g.sequenceId)).size).toBe(1);
    expect(frames.map((g) => g.options[catalog.sequence!.dimension])).toEqual(catalog.sequence!.frames);
    const finished = await Promise.all(frames.map((g) => f.service.waitFor(g.id)));
    expect(finished.every((g) => g.status === 'done' && g.seed === 7)).toBe(true);
  });
});
