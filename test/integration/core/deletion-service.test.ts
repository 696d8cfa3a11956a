import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { pickPort } from '../../../sandbox/free-port.js';
import { createDeletionService } from '../../../src/core/deletion/create-deletion-service.js';
import type { PurgeTuning } from '../../../src/core/deletion/purge-user.js';
import type { ObjectStore } from '../../../src/core/ports.js';
import type { Generation, Requester } from '../../../src/core/types.js';
import { createImageSharers } from '../../../src/infra/db/image-sharers.js';
import { createR2Store } from '../../../src/infra/storage/r2-store.js';
import { type PolicyFixture, rejection, startPolicyFixture } from '../policy/policy-fixture.js';

const grace: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'grace' };
const linus: Requester = { ...grace, userId: 'linus' };
const ada: Requester = { ...grace, userId: 'ada', admin: true };
const params = { catalogId: 'capitao-caverna', options: {} };

let f: PolicyFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function made(fx: PolicyFixture, who: Requester, seed?: number): Promise<Generation> {
  const job = await fx.core.service.request({ requester: who, params, ...(seed ? { seed } : {}) });
  const done = await fx.core.service.waitFor(job.id);
  expect(done.status).toBe('done');
  return done;
}

const stored = async (fx: PolicyFixture, key: string | null) => (key ? fx.core.store.get(key) : null);

/** A deletion service on the fixture's database, with its own store and purge tuning. */
const serviceOn = (fx: PolicyFixture, store: ObjectStore, purge: PurgeTuning) =>
  createDeletionService({
    generations: fx.core.generations,
    store,
    audit: fx.core.audit,
    clock: { now: () => Date.now() },
    log: pino({ level: 'silent' }),
    countSharers: createImageSharers(fx.core.database.db),
    purge,
  });

/** Storage that is down: R2 at a port nobody listens on. */
async function storageDown(): Promise<ObjectStore> {
  const port = await pickPort('127.0.0.1', 0);
  return createR2Store({
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'x',
    secretAccessKey: 'y',
    bucket: 'down',
    publicUrl: 'https://media.example.test',
  });
}

const withStorageDown = async (fx: PolicyFixture) =>
  serviceOn(fx, await storageDown(), { maxConsecutiveFailures: 2 });

describe('deleting results (real libSQL, local storage)', () => {
  it('removes image and thumbnail, keeps a tombstone that still counts toward quotas, tells listeners', async () => {
    f = await startPolicyFixture({ QUOTA_USER_HOURLY: '2' });
    const { core } = f;
    const first = await made(f, grace);
    expect(await stored(f, first.imageKey)).not.toBeNull();
    const heard: Generation[] = [];
    core.deletion.onDeleted((t) => heard.push(t));

    const tombstone = await core.deletion.deleteGeneration(first.id, grace);
    expect(tombstone).toMatchObject({
      id: first.id,
      status: 'deleted',
      deletedBy: 'grace',
      imageKey: null,
      imageUrl: null,
      thumbKey: null,
      thumbUrl: null,
      costMicros: first.costMicros,
    });
    expect(tombstone.deletedAt).toBeGreaterThan(0);
    expect(await core.generations.get(first.id)).toEqual(tombstone);
    expect(await stored(f, first.imageKey)).toBeNull();
    expect(await stored(f, first.thumbKey)).toBeNull();
    expect(heard.map((t) => t.id)).toEqual([first.id]);
    // Gone from the gallery, still in the quota: one more fits, then the hour is used up.
    expect((await core.service.history({ userId: 'grace', limit: 10, offset: 0 })).total).toBe(0);
    await made(f, grace);
    const refused = await rejection(core.service.request({ requester: grace, params }));
    expect(refused.code).toBe('quota_exceeded');
    const audit = await core.audit.query({ action: 'delete', limit: 10 });
    expect(audit).toMatchObject([{ userId: 'grace', targetId: first.id, source: 'deletion' }]);

    // Idempotent: the tombstone comes back unchanged, nobody is told twice.
    expect(await core.deletion.deleteGeneration(first.id, grace)).toEqual(tombstone);
    expect(heard).toHaveLength(1);
  });

  it('refuses someone else, lets an admin of the same workspace, and hides results of other workspaces', async () => {
    f = await startPolicyFixture();
    const { deletion } = f.core;
    const job = await made(f, grace);
    const forbidden = await rejection(deletion.deleteGeneration(job.id, linus));
    expect(forbidden.code).toBe('forbidden');
    expect(forbidden.message).toMatch(/Only the person who made this image, or a server\/workspace admin/);
    const elsewhere = await rejection(deletion.deleteGeneration(job.id, { ...ada, workspaceId: 'g2' }));
    expect(elsewhere.code).toBe('not_found');
    expect((await rejection(deletion.deleteGeneration('no-such-id', ada))).code).toBe('not_found');
    expect((await f.core.generations.get(job.id))?.status).toBe('done');
    const byAdmin = await deletion.deleteGeneration(job.id, ada);
    expect(byAdmin).toMatchObject({ status: 'deleted', deletedBy: 'ada', userId: 'grace' });
    expect(await stored(f, job.imageKey)).toBeNull();
  });

  it('refuses results still being made and failed ones', async () => {
    f = await startPolicyFixture();
    const { core } = f;
    const job = await made(f, grace);
    await core.generations.update(job.id, { status: 'generating' });
    const busy = await rejection(core.deletion.deleteGeneration(job.id, grace));
    expect(busy.message).toMatch(/still being made/);
    await core.generations.update(job.id, { status: 'failed' });
    expect((await rejection(core.deletion.deleteGeneration(job.id, grace))).message).toMatch(
      /failed, so there is no image/,
    );
    expect(await stored(f, job.imageKey)).not.toBeNull();
  });

  it('changes nothing when storage is down and says to try again', async () => {
    f = await startPolicyFixture();
    const job = await made(f, grace);
    const down = await withStorageDown(f);
    const heard: string[] = [];
    down.onDeleted((t) => heard.push(t.id));
    const error = await rejection(down.deleteGeneration(job.id, grace));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/nothing was deleted\. Please try again/);
    expect(await f.core.generations.get(job.id)).toEqual(job);
    expect(heard).toEqual([]);
    // Storage back: the same request goes through.
    expect((await f.core.deletion.deleteGeneration(job.id, grace)).status).toBe('deleted');
  });

  it('keeps objects a reused result still shows until the last record showing them is deleted', async () => {
    f = await startPolicyFixture();
    const { core } = f;
    const original = await made(f, grace, 4242);
    const reused = await made(f, linus, 4242);
    expect(reused.statusDetail).toBe(`reused:${original.id}`);
    expect(reused.imageKey).toBe(original.imageKey);
    await core.deletion.deleteGeneration(original.id, grace);
    expect(await stored(f, original.imageKey)).not.toBeNull();
    await core.deletion.deleteGeneration(reused.id, linus);
    expect(await stored(f, original.imageKey)).toBeNull();
    expect(await stored(f, original.thumbKey)).toBeNull();
  });
});

describe('purging a user (real libSQL, local storage)', () => {
  it('deletes every result of the user in the workspace, admin only, in batches, and is safe to rerun', async () => {
    f = await startPolicyFixture();
    const { core } = f;
    const [blocked, linuses, otherWorkspace, ...graces] = await Promise.all(
      [grace, linus, { ...grace, workspaceId: 'g2' }, grace, grace, grace].map((who) => made(f!, who)),
    );
    await core.generations.update(blocked!.id, { status: 'blocked', imageKey: null, thumbKey: null });
    const target = { platform: 'discord' as const, workspaceId: 'g1', userId: 'grace' };
    expect((await rejection(core.deletion.purgeUser(target, linus))).code).toBe('forbidden');
    const notHere = await rejection(core.deletion.purgeUser({ ...target, workspaceId: 'g2' }, ada));
    expect(notHere.code).toBe('forbidden');

    // Pages of two, one at a time: the listing shrinks under the purge as it goes.
    const paged = serviceOn(f, core.store, { batchSize: 2, parallel: 1 });
    const heard: string[] = [];
    paged.onDeleted((t) => heard.push(t.id));
    expect(await paged.purgeUser(target, ada)).toEqual({ deleted: 4, failed: 0 });
    expect(heard.sort()).toEqual([...graces.map((g) => g.id), blocked!.id].sort());
    for (const g of graces) expect(await stored(f, g.imageKey)).toBeNull();
    expect((await core.generations.get(linuses!.id))?.status).toBe('done');
    expect((await core.generations.get(otherWorkspace!.id))?.status).toBe('done');
    expect(await core.deletion.purgeUser(target, ada)).toEqual({ deleted: 0, failed: 0 });
    const audit = await core.audit.query({ action: 'purge', limit: 10 });
    expect(audit.map((a) => a.details)).toEqual([
      { targetUserId: 'grace', deleted: 0, failed: 0 },
      { targetUserId: 'grace', deleted: 4, failed: 0 },
    ]);
  });

  it('counts what storage would not let go, leaves it as it was, and a rerun finishes the job', async () => {
    f = await startPolicyFixture();
    const jobs = await Promise.all([grace, grace, grace].map((who) => made(f!, who)));
    const target = { platform: 'discord' as const, workspaceId: 'g1', userId: 'grace' };
    const down = await withStorageDown(f);
    expect(await down.purgeUser(target, ada)).toEqual({ deleted: 0, failed: 3 });
    for (const job of jobs) expect(await f.core.generations.get(job.id)).toEqual(job);
    expect(await f.core.deletion.purgeUser(target, ada)).toEqual({ deleted: 3, failed: 0 });
  });
});
