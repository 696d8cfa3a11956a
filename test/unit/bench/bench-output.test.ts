import { describe, expect, it } from 'vitest';
import type { BenchOptions } from '../../../bench/bench-options.js';
import { jsonOf, tableOf } from '../../../bench/bench-output.js';
import { burstMetrics } from '../../../bench/burst-metrics.js';
import { measureHttpRequestCpuUs } from '../../../bench/http-floor.js';
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

  it('judges memory with waiting jobs by the settled reading and prints the one right after the burst beside it', () => {
    const waiting = { platform: 'slack' as const, jobs: 1000, shown: 1000, unacked: 0, unshown: 0 };
    const outcome = {
      slack: {
        metrics,
        routes: {},
        edits: {},
        waiting: { ...waiting, rssMb: 118.94, rssAfterBurstMb: 205.14, peakRssMb: 208 },
      },
    };
    const withWaiting = { ...options, waiting: 1000, only: new Set(['slack'] as const) };
    const json = jsonOf(withWaiting, outcome, { start: [0, 0, 0], end: [0, 0, 0] });
    expect(json).toMatchObject({
      slack_rss_mb_1000_waiting: 118.9,
      slack_rss_mb_1000_waiting_after_burst: 205.1,
    });
    const table = tableOf(withWaiting, outcome);
    expect(table).toMatch(
      /RSS with 1000 waiting jobs, a minute after they came \(MB\)\s+≤ 200\s+—\s+118\.9 ok/,
    );
    expect(table).toMatch(/right after they came, the burst's garbage not yet collected\s+—\s+205\.1\n/);
  });

  it('measures what one HTTP request costs here (a positive number of microseconds)', async () => {
    const us = await measureHttpRequestCpuUs(200);
    expect(us).toBeGreaterThan(0);
    expect(us).toBeLessThan(100_000);
  });
});
