import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DashboardQuery } from '../../../../src/core/usage/usage-report.js';
import { createReportBuilder } from '../../../../src/infra/db/dashboard-report.js';
import { emptySlice, userKey } from '../../../../src/infra/db/dashboard-slice.js';

const DAY = 86_400_000;
const query: DashboardQuery = { from: 0, to: 3 * DAY, bucketMs: DAY };
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('report builder', () => {
  it('adds users up over buckets and picks the top ten as a full sort would', () => {
    const user = fc.record({
      id: fc.constantFrom(...Array.from({ length: 25 }, (_, i) => `u${i}`)),
      bucket: fc.integer({ min: 0, max: 2 }),
      jobs: fc.integer({ min: 1, max: 2 }),
      cost: fc.constantFrom(0, 10),
    });
    fc.assert(
      fc.property(fc.array(user, { minLength: 30, maxLength: 80 }), (entries) => {
        const slices = [emptySlice(), emptySlice(), emptySlice()];
        const totals = new Map<string, { jobs: number; cost: number }>();
        for (const e of entries) {
          const key = userKey('slack', 'T1', e.id);
          const row = slices[e.bucket]!.users.get(key) ?? [0, 0, 0, 0, 0];
          row[0]! += e.jobs;
          row[1]! += e.jobs;
          row[4]! += e.cost;
          slices[e.bucket]!.users.set(key, row);
          const t = totals.get(e.id) ?? { jobs: 0, cost: 0 };
          totals.set(e.id, { jobs: t.jobs + e.jobs, cost: t.cost + e.cost });
        }
        const builder = createReportBuilder(query);
        for (const [i, slice] of slices.entries()) builder.add(i, slice);
        const expected = [...totals]
          .sort(([ia, a], [ib, b]) => b.jobs - a.jobs || b.cost - a.cost || compare(ia, ib))
          .slice(0, 10)
          .map(([userId, t]) => ({ userId, jobs: t.jobs, done: t.jobs, costMicros: t.cost }));
        const top = builder.finish().topUsers;
        expect(top.map(({ userId, jobs, done, costMicros }) => ({ userId, jobs, done, costMicros }))).toEqual(
          [...expected].sort(
            (a, b) => b.jobs - a.jobs || b.costMicros - a.costMicros || a.userId.localeCompare(b.userId),
          ),
        );
      }),
    );
  });

  it('never changes the slices it merges (they may be cached)', () => {
    const slice = emptySlice();
    slice.users.set(userKey('discord', 'g', 'a'), [1, 1, 0, 0, 5]);
    slice.bins.total.set(7, { key: 7, count: 1, min: 1100, max: 1100 });
    slice.mix.set('k', {
      platform: 'discord',
      workspaceId: 'g',
      model: 'm',
      jobs: 1,
      done: 1,
      failed: 0,
      blocked: 0,
      running: 0,
      costMicros: 5,
    });
    const before = structuredClone(slice);
    const builder = createReportBuilder(query);
    builder.add(0, slice);
    builder.add(1, slice);
    expect(builder.finish().topUsers[0]).toMatchObject({ jobs: 2, costMicros: 10 });
    expect(slice).toEqual(before);
  });
});
