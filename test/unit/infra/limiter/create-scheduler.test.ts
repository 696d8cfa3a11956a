import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobScheduler } from '../../../../src/core/ports.js';
import { createScheduler, SchedulerStoppedError } from '../../../../src/infra/limiter/create-scheduler.js';
import { createLogger } from '../../../../src/infra/logger.js';

const log = createLogger('silent');

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const schedulers: JobScheduler[] = [];
function scheduler(options: { concurrency: number; perUserInFlight?: number }): JobScheduler {
  const created = createScheduler({ ...options, log });
  schedulers.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop(100)));
});

/** Schedules jobs whose fn records its start and then waits for its gate. */
function gatedJobs(s: JobScheduler, jobs: { id: string; userId: string }[]) {
  const started: string[] = [];
  const gates = new Map(jobs.map((job) => [job.id, deferred()]));
  const results = jobs.map((job) =>
    s.schedule(job, async () => {
      started.push(job.id);
      await gates.get(job.id)!.promise;
      return job.id;
    }),
  );
  // Jobs still waiting when a test ends are rejected by stop() in afterEach: that is expected.
  for (const result of results) result.catch(() => {});
  const release = (id: string) => gates.get(id)!.resolve();
  return { started, results, release };
}

/** Runs jobs that end on their own (in the next macrotask) and returns the order they started in. */
async function startOrder(s: JobScheduler, jobs: { id: string; userId: string }[]): Promise<string[]> {
  const started: string[] = [];
  await Promise.all(
    jobs.map((job) =>
      s.schedule(job, async () => {
        started.push(job.id);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }),
    ),
  );
  return started;
}

const jobsOf = (userId: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `${userId}${i + 1}`, userId }));

describe('createScheduler (local)', () => {
  it('never runs more than `concurrency` jobs at once', async () => {
    const s = scheduler({ concurrency: 3, perUserInFlight: 10 });
    let active = 0;
    let peak = 0;
    const jobs = [...jobsOf('a', 8), ...jobsOf('b', 8), ...jobsOf('c', 8)];
    await Promise.all(
      jobs.map((job) =>
        s.schedule(job, async () => {
          active++;
          peak = Math.max(peak, active);
          // Hold the slot until every slot is taken (or nobody waits), so a fourth start would be seen.
          await vi.waitFor(
            () => {
              if (active < 3 && s.counts().waiting > 0) throw new Error('slots still free');
            },
            { interval: 1, timeout: 5_000 },
          );
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(s.counts()).toEqual({ waiting: 0, running: 0 });
  });

  it('holds the cap while jobs are blocked and counts waiting and running jobs', async () => {
    const s = scheduler({ concurrency: 2, perUserInFlight: 10 });
    const { started, results, release } = gatedJobs(s, jobsOf('a', 5));
    await vi.waitFor(() => expect(started).toHaveLength(2));
    expect(s.counts()).toEqual({ waiting: 3, running: 2 });
    release('a1');
    await vi.waitFor(() => expect(started).toHaveLength(3));
    expect(s.counts()).toEqual({ waiting: 2, running: 2 });
    for (const id of ['a2', 'a3', 'a4', 'a5']) release(id);
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('starts one user jobs in FIFO order', async () => {
    const s = scheduler({ concurrency: 1 });
    expect(await startOrder(s, jobsOf('a', 7))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
  });

  it('does not let one user starve another: B starts before A third job', async () => {
    const s = scheduler({ concurrency: 1, perUserInFlight: 2 });
    const order = await startOrder(s, [...jobsOf('a', 10), ...jobsOf('b', 1)]);
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10']);
  });

  it('interleaves users in turns of perUserInFlight', async () => {
    const s = scheduler({ concurrency: 1, perUserInFlight: 1 });
    const order = await startOrder(s, [...jobsOf('a', 3), ...jobsOf('b', 3), ...jobsOf('c', 1)]);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'b3']);
  });

  it('reports positions in the order jobs actually start', async () => {
    for (const concurrency of [1, 2]) {
      const s = scheduler({ concurrency, perUserInFlight: 2 });
      const jobs = [...jobsOf('a', 5), ...jobsOf('b', 4), ...jobsOf('c', 1), ...jobsOf('a', 7).slice(5)];
      const gate = deferred();
      const started: string[] = [];
      const results = jobs.map((job) =>
        s.schedule(job, async () => {
          started.push(job.id);
          await gate.promise;
        }),
      );
      // Nothing has started yet: every job is waiting, and its position is its place in the start order.
      const predicted = [...s.positions()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
      expect(predicted).toHaveLength(jobs.length);
      expect(jobs.every((job) => s.position(job.id) === predicted.indexOf(job.id) + 1)).toBe(true);
      gate.resolve();
      await Promise.all(results);
      // Jobs end in start order here (same gate, same work), which is what the prediction assumes.
      expect(started).toEqual(predicted);
    }
  });

  it('moves positions forward as jobs finish and drops a job from them once it starts', async () => {
    const s = scheduler({ concurrency: 1 });
    const { started, results, release } = gatedJobs(s, [...jobsOf('a', 3), ...jobsOf('b', 2)]);
    // a1 runs; a2, b1, b2 wait in the limiter; a3 waits in a's backlog until one of a's jobs ends.
    const expectedStarts = ['a1', 'a2', 'b1', 'b2', 'a3'];
    const seen: (number | undefined)[] = [];
    for (const [i, id] of expectedStarts.entries()) {
      await vi.waitFor(() => expect(started).toHaveLength(i + 1));
      expect(s.position(id)).toBeUndefined();
      seen.push(s.position('a3'));
      release(id);
    }
    expect(started).toEqual(expectedStarts);
    expect(seen).toEqual([4, 3, 2, 1, undefined]);
    await Promise.all(results);
  });

  it('notifies listeners once per burst of changes, and the listener reads every position cheaply', async () => {
    const s = scheduler({ concurrency: 1, perUserInFlight: 3 });
    const blocker = deferred();
    const running = deferred();
    const first = s.schedule({ id: 'blocker', userId: 'x' }, async () => {
      running.resolve();
      await blocker.promise;
    });
    await running.promise;
    await new Promise((resolve) => setImmediate(resolve));

    let calls = 0;
    let lastPositions: ReadonlyMap<string, number> = new Map();
    const unsubscribe = s.onChange(() => {
      calls++;
      lastPositions = s.positions();
    });
    const burst = Array.from({ length: 1000 }, (_, i) => ({ id: `j${i}`, userId: `u${i % 50}` }));
    const results = burst.map((job) => s.schedule(job, async () => {}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
    expect(lastPositions.size).toBe(1000);
    expect([...lastPositions.values()].sort((a, b) => a - b)).toEqual(burst.map((_, i) => i + 1));

    unsubscribe();
    const settled = Promise.allSettled(results);
    blocker.resolve();
    await s.stop(1_000);
    await first;
    const outcomes = await settled;
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof SchedulerStoppedError)).toBe(
      true,
    );
    expect(calls).toBe(1);
  });

  it('passes a job error to its caller unchanged and frees the slot', async () => {
    const s = scheduler({ concurrency: 1 });
    class ProviderDown extends Error {}
    const failure = new ProviderDown('boom');
    const failed = s.schedule({ id: 'bad', userId: 'a' }, async () => {
      throw failure;
    });
    const next = s.schedule({ id: 'good', userId: 'b' }, async () => 'ok');
    await expect(failed).rejects.toBe(failure);
    await expect(next).resolves.toBe('ok');
    expect(s.counts()).toEqual({ waiting: 0, running: 0 });
  });

  it('rejects a job id that is already scheduled', async () => {
    const s = scheduler({ concurrency: 1 });
    const { results, release } = gatedJobs(s, [{ id: 'same', userId: 'a' }]);
    await expect(s.schedule({ id: 'same', userId: 'b' }, async () => 1)).rejects.toThrow(/already scheduled/);
    release('same');
    await results[0];
  });

  describe('stop()', () => {
    it('waits for running jobs, rejects waiting ones with SchedulerStoppedError and refuses new jobs', async () => {
      const s = scheduler({ concurrency: 1, perUserInFlight: 1 });
      const { started, results, release } = gatedJobs(s, [...jobsOf('a', 2), ...jobsOf('b', 1)]);
      await vi.waitFor(() => expect(started).toEqual(['a1']));
      const settled = results.map((p) =>
        p.then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
      );

      let stopped = false;
      const stopping = s.stop(5_000).then(() => {
        stopped = true;
      });
      const [a2, b1] = await Promise.all([settled[1], settled[2]]);
      for (const outcome of [a2, b1]) {
        expect(outcome).toMatchObject({ error: { name: 'SchedulerStoppedError' } });
        expect((outcome as { error: unknown }).error).toBeInstanceOf(SchedulerStoppedError);
      }
      await expect(s.schedule({ id: 'late', userId: 'c' }, async () => 1)).rejects.toMatchObject({
        name: 'SchedulerStoppedError',
        message: expect.stringMatching(/stopped/),
      });
      expect(s.counts()).toEqual({ waiting: 0, running: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stopped).toBe(false);

      release('a1');
      await stopping;
      expect(await settled[0]).toEqual({ value: 'a1' });
      expect(started).toEqual(['a1']);
    });

    it('gives up waiting for a running job after the timeout', async () => {
      const s = scheduler({ concurrency: 1 });
      const { started, release } = gatedJobs(s, [{ id: 'stuck', userId: 'a' }]);
      await vi.waitFor(() => expect(started).toEqual(['stuck']));
      const before = Date.now();
      await s.stop(50);
      expect(Date.now() - before).toBeGreaterThanOrEqual(45);
      expect(s.counts().running).toBe(1);
      release('stuck');
    });
  });
});
