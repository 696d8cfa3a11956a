import { describe, expect, it } from 'vitest';
import type { BenchOptions } from '../../../src/bench/bench-options.js';
import { jsonOf, tableOf } from '../../../src/bench/bench-output.js';
import { burstMetrics } from '../../../src/bench/burst-metrics.js';
import { measureHttpRequestCpuUs } from '../../../src/bench/http-floor.js';

const options: BenchOptions = {
  n: 8,
  latencyMs: 1000,
  concurrency: 4,
  waiting: 0,
  only: new Set(['discord']),
  logLevel: 'info',
  cpuProfileDir: undefined,
  keep: false,
};

const metrics = burstMetrics({
  platform: 'discord',
  n: 8,
  concurrency: 4,
  latencyMs: 1000,
  deferMs: [10, 20, 30, 40, 50, 60, 70, 80],
  unacked: 0,
  startedAt: 0,
  finalAt: new Map(Array.from({ length: 8 }, (_, i) => [i, 2_000])),
  failed: 0,
  duplicated: 0,
  peakProviderConcurrency: 4,
  chatCalls: 40,
  chatCallsByRoute: {},
  editsByStatus: {},
  cpuMs: 80,
  imageCpuMsPerJob: 2.5,
  rssPeakMb: 180,
  rssIdleMb: 150,
  falSubmits: 8,
  botPid: 1,
  windowUs: [0, 1],
});

describe('bench output', () => {
  it("puts the CPU floor per job next to the measured CPU: (chat calls + fal's 4 requests) × one request", () => {
    const outcome = { discord: { metrics, routes: {}, edits: {} }, httpRequestCpuUs: 400 };
    const json = jsonOf(options, outcome, { start: [0, 0, 0], end: [0, 0, 0] });
    // 5 chat calls per job + 4 fal requests, at 0.4 ms each.
    expect(json).toMatchObject({ http_request_cpu_us: 400, cpu_floor_ms_per_job: 3.6, cpu_ms_per_job: 7.5 });
    expect(tableOf(options, outcome)).toMatch(/floor: its HTTP requests alone \(400 µs each\)\s+3\.6/);
  });

  it('measures what one HTTP request costs here (a positive number of microseconds)', async () => {
    const us = await measureHttpRequestCpuUs(200);
    expect(us).toBeGreaterThan(0);
    expect(us).toBeLessThan(100_000);
  });
});
