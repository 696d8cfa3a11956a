import { describe, expect, it } from 'vitest';
import type { BenchOptions } from '../../../src/bench/bench-options.js';
import { jsonOf, tableOf } from '../../../src/bench/bench-output.js';
import { burstMetrics } from '../../../src/bench/burst-metrics.js';
import { measureHttpRequestCpuUs } from '../../../src/bench/http-floor.js';
import { observation } from './observation.js';

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

const metrics = burstMetrics(observation());

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
