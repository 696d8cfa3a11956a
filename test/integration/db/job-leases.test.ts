import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/ports.js';
import type { GenerationRepository, JobLeases } from '../../../src/core/types.js';
import type { Database } from '../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { doneFields, newGenerationInput, openTestDatabase } from './db-fixtures.js';

const TTL = 60_000;

/** Two processes (a, b) on one database file, each with its own repository, on a clock the test moves. */
describe('job leases: replicas sharing one database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let now = 1_700_000_000_000;
  const clock: Clock = { now: () => now, sleep: async () => {} };
  let a: GenerationRepository;
  let b: GenerationRepository;
  const leases = (repo: GenerationRepository): JobLeases => repo.leases!;
  const ids = (jobs: Array<{ id: string }>) => jobs.map((j) => j.id).sort();

  beforeEach(async () => {
    ({ database, dispose } = await openTestDatabase('file'));
    now = 1_700_000_000_000;
    a = createGenerationRepository(database.db, clock, { lease: { owner: 'host-a:3000', ttlMs: TTL } });
    b = createGenerationRepository(database.db, clock, { lease: { owner: 'host-b:3000', ttlMs: TTL } });
  });
  afterEach(async () => {
    await dispose();
  });

  it("a new job is its creator's: another process's start-up claim leaves it alone, its own restart takes it", async () => {
    const job = await a.create(newGenerationInput());
    expect(await leases(b).claim({ includeOwn: true })).toEqual([]);
    const resumed = await leases(a).claim({ includeOwn: true });
    expect(resumed).toEqual([expect.objectContaining({ id: job.id, status: 'queued' })]);
  });

  it('a lease that runs out (its process died) goes to whoever claims next; renewing keeps it', async () => {
    const kept = await a.create(newGenerationInput({ seed: 1 }));
    const abandoned = await b.create(newGenerationInput({ seed: 2 }));
    now += TTL / 2;
    await leases(a).renew();
    now += TTL / 2 + 1;
    // b's lease ran out; a renewed its own. A sweep never takes a process's own jobs.
    expect(ids(await leases(a).claim({ includeOwn: false }))).toEqual([abandoned.id]);
    expect(await leases(b).claim({ includeOwn: false })).toEqual([]);
    expect(ids(await leases(a).claim({ includeOwn: true }))).toEqual(ids([kept, abandoned]));
  });

  it('released jobs (a graceful stop) can be taken at once; finished ones never are', async () => {
    const parked = await a.create(newGenerationInput({ seed: 1 }));
    const finished = await a.create(newGenerationInput({ seed: 2 }));
    await a.update(finished.id, doneFields(finished.id, now));
    await leases(a).release();
    expect(ids(await leases(b).claim({ includeOwn: false }))).toEqual([parked.id]);
    // Now b's: a restarting a does not take it back while b holds it.
    expect(await leases(a).claim({ includeOwn: true })).toEqual([]);
  });

  it('claims at the same moment split the jobs: each job goes to exactly one process', async () => {
    const jobs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => a.create(newGenerationInput({ seed: i }))),
    );
    await leases(a).release();
    const c = createGenerationRepository(database.db, clock, { lease: { owner: 'host-c:3000', ttlMs: TTL } });
    const [byB, byC] = await Promise.all([
      leases(b).claim({ includeOwn: false }),
      leases(c).claim({ includeOwn: false }),
    ]);
    expect(ids([...byB, ...byC])).toEqual(ids(jobs));
    expect(new Set([...byB, ...byC].map((j) => j.id)).size).toBe(jobs.length);
  });

  it('jobs recorded before leases existed (no owner) are anybody’s', async () => {
    const plain = createGenerationRepository(database.db, clock);
    const legacy = await plain.create(newGenerationInput());
    expect(plain.leases).toBeUndefined();
    expect(ids(await leases(b).claim({ includeOwn: false }))).toEqual([legacy.id]);
  });
});
