import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import type { Requester } from '../../../src/core/types.js';
import { createPromptCacheRepository } from '../../../src/infra/db/prompt-cache-repository.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
const bob: Requester = { ...alice, userId: 'bob' };
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

  it('refuses invalid input with a UserError and records nothing', async () => {
    fixture = await startCoreFixture();
    const attempt = fixture.core.service.request({
      requester: alice,
      params: { catalogId: 'capitao-caverna', options: { style: 'comci' } },
    });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/Did you mean/);
    const history = await fixture.core.service.history({
      userId: 'alice',
      limit: 10,
      offset: 0,
      status: 'queued',
    });
    expect(history.total).toBe(0);
    expect(fixture.fal.stats().submits).toBe(0);
  });

  it('reuses the stored image for the same prompt, model and explicit seed', async () => {
    fixture = await startCoreFixture();
    const { core, fal } = fixture;
    const first = await core.service.waitFor(
      (await core.service.request({ requester: alice, params, seed: 42 })).id,
    );
    const second = await core.service.request({ requester: bob, params, seed: 42 });
    expect(second.status).toBe('done');
    expect(second.imageUrl).toBe(first.imageUrl);
    expect(second.costMicros).toBe(0);
    expect(fal.stats().submits).toBe(1);
  });

  it('re-rolls with a new seed, linked to the original, once per window, only for the requester', async () => {
    fixture = await startCoreFixture();
    const { core } = fixture;
    const original = await core.service.waitFor(
      (await core.service.request({ requester: alice, params })).id,
    );
    await expect(core.service.reroll(original.id, bob)).rejects.toMatchObject({ code: 'forbidden' });
    const [a, b] = await Promise.all([
      core.service.reroll(original.id, alice),
      core.service.reroll(original.id, alice),
    ]);
    const reroll = await core.service.waitFor(a.id);
    expect(b.id === a.id || b.id === original.id).toBe(true);
    expect(reroll.parentId).toBe(original.id);
    expect(reroll.seed).not.toBe(original.seed);
    expect(reroll.options).toEqual(original.options);
    expect(fixture.fal.stats().submits).toBe(2);
  });

  it('does not deliver images the safety checker flags', async () => {
    fixture = await startCoreFixture({ knobs: { nsfwRate: 1 } });
    const result = await fixture.core.service.waitFor(
      (await fixture.core.service.request({ requester: alice, params })).id,
    );
    expect(result.status).toBe('blocked');
    expect(result.imageKey).toBeNull();
    expect(fixture.eventsFor(result.id).at(-1)?.update.kind).toBe('blocked');
  });

  it('explains a provider validation error without retrying', async () => {
    fixture = await startCoreFixture({ knobs: { reject422: true } });
    const result = await fixture.core.service.waitFor(
      (await fixture.core.service.request({ requester: alice, params })).id,
    );
    expect(result.status).toBe('failed');
    expect(result.errorClass).toBe('user');
    expect(fixture.fal.stats().submits).toBe(1);
    const last = fixture.eventsFor(result.id).at(-1)?.update;
    expect(last).toMatchObject({ kind: 'failed', retryable: false });
  });

  it('reports queue positions that count down', async () => {
    fixture = await startCoreFixture({ env: { PROVIDER_CONCURRENCY: '1' }, knobs: { latencyMs: 60 } });
    const { core } = fixture;
    const users = ['u1', 'u2', 'u3', 'u4'];
    const jobs = [];
    for (const userId of users)
      jobs.push(await core.service.request({ requester: { ...alice, userId }, params }));
    await Promise.all(jobs.map((j) => core.service.waitFor(j.id)));
    const last = jobs.at(-1)!;
    const positions = fixture
      .eventsFor(last.id)
      .flatMap((e) => (e.update.kind === 'queued' ? [e.update.position] : []));
    expect(positions.length).toBeGreaterThanOrEqual(2);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(positions.at(-1)).toBe(1);
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

  it('sends the prompt a job was requested with: built again when the catalog is the same, cached when it changed', async () => {
    fixture = await startCoreFixture();
    const { core, fal } = fixture;
    const built = core.service.validate(params);
    const fresh = await core.service.request({ requester: alice, params });
    await core.service.waitFor(fresh.id);
    expect(Object.keys(fal.stats().submitsByPrompt)).toEqual([built.prompt]);

    // A job recorded under an earlier version of the catalog (its hash is not today's): the cached text goes.
    const hash = 'f'.repeat(64);
    const earlier = 'the prompt as catalog version 0 wrote it';
    await createPromptCacheRepository(core.database.db).put({
      hash,
      catalogId: built.catalogId,
      prompt: earlier,
      negativePrompt: built.negativePrompt,
      params: '{}',
    });
    const old = await core.generations.create({
      ...alice,
      catalogId: built.catalogId,
      options: built.options,
      extra: '',
      aspect: built.aspect,
      promptHash: hash,
      seed: 7,
      model: core.provider.models[0]!,
    });
    await core.service.resume();
    expect((await core.service.waitFor(old.id)).status).toBe('done');
    expect(fal.stats().submitsByPrompt).toEqual({ [built.prompt]: 1, [earlier]: 1 });
  });

  it('generates every frame of a sequence with one shared seed', async () => {
    fixture = await startCoreFixture({ knobs: { latencyMs: 10 } });
    const { core } = fixture;
    const catalog = core.catalogs.get('capitao-caverna');
    const frames = await core.service.sequence(alice, params, 7);
    expect(frames).toHaveLength(catalog.sequence!.frames.length);
    expect(new Set(frames.map((f) => f.sequenceId)).size).toBe(1);
    expect(frames.map((f) => f.options[catalog.sequence!.dimension])).toEqual(catalog.sequence!.frames);
    const finished = await Promise.all(frames.map((f) => core.service.waitFor(f.id)));
    expect(finished.every((f) => f.status === 'done' && f.seed === 7)).toBe(true);
  });
});
