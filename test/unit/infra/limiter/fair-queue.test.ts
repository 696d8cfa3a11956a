import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FairJob, FairQueue } from '../../../../src/infra/limiter/fair-queue.js';

const job = (userId: string, n: number) => ({ id: `${userId}${n}`, userId });

describe('FairQueue', () => {
  it('hands over at most perUserInFlight jobs per user and keeps the rest in that user backlog', () => {
    const queue = new FairQueue(2, 1);
    const handed = [job('a', 1), job('a', 2), job('a', 3), job('b', 1)].map((j) => queue.add(j).handed);
    expect(handed).toEqual([true, true, false, true]);
    expect(queue.counts()).toEqual({ waiting: 4, running: 0 });
    expect(queue.handedJobs().map((j) => j.id)).toEqual(['a1', 'a2', 'b1']);
  });

  it('hands the user next backlog job over when one of their jobs ends', () => {
    const queue = new FairQueue(1, 1);
    const [a1, a2, a3] = [job('a', 1), job('a', 2), job('a', 3)];
    for (const j of [a1, a2, a3]) queue.add(j);
    queue.start(a1);
    expect(queue.finish(a1)).toBe(a2);
    queue.start(a2);
    expect(queue.finish(a2)).toBe(a3);
    queue.start(a3);
    expect(queue.finish(a3)).toBeUndefined();
    expect(queue.counts()).toEqual({ waiting: 0, running: 0 });
    // The user has no job in flight any more, so the next one is handed over at once.
    expect(queue.add(job('a', 4))).toEqual({ handed: true, movedOthers: false });
  });

  it('predicts positions by replaying the hand-over rule', () => {
    const queue = new FairQueue(2, 1);
    const jobs = [
      ...[1, 2, 3, 4].map((n) => job('a', n)),
      ...[1, 2, 3, 4].map((n) => job('b', n)),
      job('c', 1),
    ];
    for (const j of jobs) queue.add(j);
    // a1 runs; each end hands that user's next job to the back of the limiter queue.
    queue.start(jobs[0]!);
    expect([...queue.positions()]).toEqual(
      ['a2', 'b1', 'b2', 'c1', 'a3', 'a4', 'b3', 'b4'].map((id, i) => [id, i + 1]),
    );
  });

  it('accounts for concurrency when predicting', () => {
    const queue = new FairQueue(1, 2);
    for (const j of [job('a', 1), job('a', 2), job('b', 1), job('b', 2), job('c', 1)]) queue.add(j);
    // a1, b1, c1 are handed; with two slots a1 and b1 start, then a1 ends (a2 queued behind c1), then b1 (b2).
    expect([...queue.positions()]).toEqual(['a1', 'b1', 'c1', 'a2', 'b2'].map((id, i) => [id, i + 1]));
  });

  it('recomputes positions only after a change that can move someone; a recomputation never rewrites an earlier map', () => {
    const queue = new FairQueue(2, 1);
    const a1 = job('a', 1);
    queue.add(a1);
    queue.add(job('a', 2));
    const before = queue.positions();
    expect(queue.positions()).toBe(before);
    queue.start(a1);
    const after = queue.positions();
    expect(after).not.toBe(before);
    expect([...before]).toEqual([
      ['a1', 1],
      ['a2', 2],
    ]);
    expect([...after]).toEqual([['a2', 1]]);
  });

  it('takeWaiting removes every unstarted job, handed first, and keeps running ones', () => {
    const queue = new FairQueue(1, 1);
    const [a1, a2, b1] = [job('a', 1), job('a', 2), job('b', 1)];
    for (const j of [a1, a2, b1]) queue.add(j);
    queue.start(a1);
    expect(queue.takeWaiting().map((j) => j.id)).toEqual(['b1', 'a2']);
    expect(queue.counts()).toEqual({ waiting: 0, running: 1 });
    expect(queue.finish(a1)).toBeUndefined();
  });

  it('says when an added job moves others, and its cached positions always match a fresh replay', () => {
    type Op = { kind: 'add'; user: number } | { kind: 'start' } | { kind: 'finish'; pick: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), user: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('start' as const) }),
      fc.record({ kind: fc.constant('finish' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(op, { maxLength: 60 }),
        (perUser, concurrency, ops: Op[]) => {
          const queue = new FairQueue<FairJob>(perUser, concurrency);
          // The same history applied to a queue that has never cached anything: its positions are a full replay.
          const replay = (history: Array<(q: FairQueue<FairJob>) => void>) => {
            const fresh = new FairQueue<FairJob>(perUser, concurrency);
            for (const step of history) step(fresh);
            return [...fresh.positions()];
          };
          const history: Array<(q: FairQueue<FairJob>) => void> = [];
          const jobs = new Map<string, FairJob>();
          ops.forEach((o, i) => {
            const before = new Map(queue.positions());
            let step: ((q: FairQueue<FairJob>) => void) | undefined;
            if (o.kind === 'add') {
              const j = { id: `j${i}`, userId: `u${o.user}` };
              const added = queue.add(j);
              jobs.set(j.id, j);
              step = (q) => q.add(jobs.get(j.id)!);
              if (!added.movedOthers)
                for (const [id, position] of before) expect(queue.positions().get(id)).toBe(position);
            } else if (o.kind === 'start') {
              const head = queue.handedJobs()[0];
              if (!head) return;
              queue.start(head);
              step = (q) => q.start(q.handedJobs().find((h) => h.id === head.id)!);
            } else {
              const running = queue.runningJobs();
              const done = running[o.pick % Math.max(1, running.length)];
              if (!done) return;
              queue.finish(done);
              step = (q) => {
                const same = q.runningJobs().find((r) => r.id === done.id);
                if (same) q.finish(same);
              };
            }
            history.push(step);
            expect([...queue.positions()]).toEqual(replay(history));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
