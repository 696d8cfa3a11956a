import { describe, expect, it } from 'vitest';
import type { DashboardQuery, UsageReport } from '../../../../src/core/usage/usage-report.js';
import { cacheReports } from '../../../../src/web/admin/cached-source.js';

const query: DashboardQuery = { from: 0, to: 86_400_000, bucketMs: 3_600_000 };

describe('cacheReports', () => {
  it('reuses a report for ttl per query, then reads again; a failed read is not kept', async () => {
    let now = 1; // lru-cache reads a start time of 0 as "no ttl"
    let reads = 0;
    let fail = false;
    const source = {
      report: async (q: DashboardQuery) => {
        reads++;
        if (fail) throw new Error('db down');
        return { query: q } as UsageReport;
      },
    };
    const cached = cacheReports(source, 30_000, { now: () => now });
    await cached.report(query);
    await cached.report({ ...query });
    expect(reads).toBe(1);
    await cached.report({ ...query, model: 'm' });
    expect(reads).toBe(2);
    now = 30_002; // older than the ttl
    await cached.report(query);
    expect(reads).toBe(3);

    fail = true;
    now = 60_003;
    await expect(cached.report(query)).rejects.toThrow('db down');
    fail = false;
    await cached.report(query);
    expect(reads).toBe(5);
  });
});
