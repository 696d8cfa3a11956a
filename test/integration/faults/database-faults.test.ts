import { createClient } from '@libsql/client';
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

let fixture: FaultFixture | undefined;
const locks: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const release of locks.splice(0)) await release();
  await fixture?.close();
  fixture = undefined;
});

/** Another connection to the same file takes the write lock (BEGIN IMMEDIATE) and keeps it. */
async function holdWriteLock(url: string): Promise<() => Promise<void>> {
  const client = createClient({ url });
  const tx = await client.transaction('write');
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await tx.rollback();
    client.close();
  };
  locks.push(release);
  return release;
}

const dbUrl = (f: FaultFixture) => f.core.config.database.url;
const retries = (f: FaultFixture) => f.logs.filter((l) => l.msg === 'database call failed; retrying').length;
const crashed = (f: FaultFixture) => f.logs.filter((l) => l.msg === 'job crashed');

describe('database busy (another connection holds the write lock)', () => {
  it('heals its connection after SQLITE_BUSY, so the next write commits', async () => {
    fixture = await startFaultCore();
    const { core } = fixture;
    const job = await core.generations.create({
      ...alice,
      catalogId: 'capitao-caverna',
      options: {},
      extra: '',
      aspect: 'square',
      promptHash: 'h',
      seed: 1,
      model: 'm',
    });
    const release = await holdWriteLock(dbUrl(fixture));
    await expect(core.generations.update(job.id, { statusDetail: 'a' })).rejects.toThrow(/SQLITE_BUSY/);
    await release();
    // libsql leaves the failed statement active; without a fresh connection this commit fails with
    // "cannot commit transaction - SQL statements in progress".
    await expect(core.generations.update(job.id, { statusDetail: 'b' })).resolves.toMatchObject({
      statusDetail: 'b',
    });
    const pragmas = await core.database.client.execute('PRAGMA synchronous');
    expect(Number(pragmas.rows[0]?.[0])).toBe(1); // NORMAL, re-applied on the fresh connection
  });

  it('delays status writes and new requests while the lock is held, then finishes every job', async () => {
    fixture = await startFaultCore({
      knobs: { latencyMs: 150 },
      tuning: tuned({ generation: { record: { attempts: 30, baseMs: 20, capMs: 100 } } }),
    });
    const f = fixture;
    const jobs: Generation[] = [];
    for (const label of ['busy [1]', 'busy [2]'])
      jobs.push(await f.core.service.request({ requester: alice, params: paramsFor(label) }));
    const release = await holdWriteLock(dbUrl(f));
    const releasedAt = Date.now() + 1_200;
    const timer = setTimeout(() => void release(), 1_200);

    // A request made while the lock is held waits for it instead of failing.
    const late = await f.core.service.request({ requester: alice, params: paramsFor('busy [3]') });
    clearTimeout(timer);
    await release();
    expect(Date.now()).toBeGreaterThanOrEqual(releasedAt - 50);
    jobs.push(late);

    const finals = await Promise.all(jobs.map((j) => f.terminal(j.id)));
    expect(finals.map((e) => e.update.kind)).toEqual(['done', 'done', 'done']);
    expect(await statusCounts(f.core)).toEqual({ done: 3 });
    expect(retries(f)).toBeGreaterThan(0);
    expect(crashed(f)).toEqual([]);
    expect(f.fal.stats().submits).toBe(3);
    expect(Object.values(f.fal.stats().submitsByPrompt)).toEqual([1, 1, 1]);
    expect(await f.mediaFiles()).toHaveLength(6);
  });

  it('reports the outcome, keeps the job resumable when the database stays locked, and finishes it on resume', async () => {
    fixture = await startFaultCore({
      knobs: { latencyMs: 200 },
      tuning: tuned({ generation: { record: { attempts: 3, baseMs: 10, capMs: 20 } } }),
    });
    const f = fixture;
    let release: Promise<() => Promise<void>> | undefined;
    // The lock arrives once the job is at fal with its request id recorded ('generating' is written first).
    f.core.service.onStatus((event) => {
      if (event.update.kind === 'generating') release ??= holdWriteLock(dbUrl(f));
    });
    const job = await f.core.service.request({ requester: alice, params: paramsFor('locked') });
    const final = await f.terminal(job.id);

    // The person sees the image...
    expect(final.update).toEqual({ kind: 'done', reused: false });
    expect(final.generation.imageUrl).toMatch(/\/media\/images\/.+\.png$/);
    // ...while the row stays unfinished (and so resumable), and the log says so.
    const row = await f.core.service.get(job.id);
    expect(row?.status).toBe('generating');
    expect(row?.requestId).toBeTruthy();
    expect(f.logs.some((l) => l.level >= 50 && /could not be recorded/.test(l.msg))).toBe(true);
    expect(f.core.service.stats().unrecorded).toBe(1);
    // Bounded: the 'storing' and 'done' writes were tried three times each.
    expect(retries(f)).toBe(4);
    expect(crashed(f)).toEqual([]);

    await (await release!)();
    expect(await f.core.service.resume()).toBe(1);
    const done = await f.core.service.waitFor(job.id);
    expect(done).toMatchObject({
      status: 'done',
      requestId: row?.requestId,
      imageKey: final.generation.imageKey,
    });
    expect(await f.core.service.get(job.id)).toMatchObject({ status: 'done' });
    // Followed by its request id: no second submit; stored again under the same keys: one image.
    expect(f.fal.stats().submits).toBe(1);
    expect(await f.mediaFiles()).toHaveLength(2);
  });

  it('keeps waiting jobs resumable when a write fails during shutdown', async () => {
    fixture = await startFaultCore({
      env: { PROVIDER_CONCURRENCY: '1' },
      knobs: { latencyMs: 300 },
      tuning: tuned({ generation: { record: { attempts: 50, baseMs: 20, capMs: 50 } } }),
    });
    const f = fixture;
    const first = await f.core.service.request({ requester: alice, params: paramsFor('park [1]') });
    const second = await f.core.service.request({ requester: alice, params: paramsFor('park [2]') });
    await waitUntil('first job at fal', async () => Boolean((await f.core.service.get(first.id))?.requestId));
    await holdWriteLock(dbUrl(f));
    await f.core.close(100);

    for (const release of locks.splice(0)) await release();
    const restarted = await f.restart();
    expect(await restarted.service.resume()).toBe(2);
    const done = await Promise.all([first, second].map((j) => restarted.service.waitFor(j.id)));
    expect(done.map((g) => g.status)).toEqual(['done', 'done']);
    expect(f.fal.stats().submits).toBe(2);
    expect(crashed(f)).toEqual([]);
  });
});
