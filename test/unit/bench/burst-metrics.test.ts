import { describe, expect, it } from 'vitest';
import { burstMetrics, keyed } from '../../../bench/burst-metrics.js';
import { observation } from './observation.js';

describe('burstMetrics', () => {
  it('turns a finished burst into the report numbers', () => {
    const m = burstMetrics(observation());
    expect(m).toMatchObject({
      defer_p50_ms: 40,
      defer_p99_ms: 80,
      emulator_loop_delay_p99_ms: 12.5,
      emulator_loop_delay_max_ms: 30,
      makespan_ms: 2100,
      ideal_makespan_ms: 2000,
      makespan_ratio: 1.05,
      peak_provider_concurrency: 4,
      chat_calls_per_job: 5,
      cpu_ms_per_job_incl_image: 10,
      image_cpu_ms_per_job: 2.5,
      cpu_ms_per_job: 7.5,
      rss_mb: 180.3,
      lost: 0,
      duplicated: 0,
    });
  });

  it('counts jobs that never reached a final state as lost and then claims no makespan', () => {
    const finalAt = new Map([...observation().finalAt].slice(0, 6));
    const m = burstMetrics(observation({ finalAt }));
    expect(m.lost).toBe(2);
    expect(m.makespan_ms).toBeNull();
    expect(m.makespan_ratio).toBeNull();
  });

  it('never reports negative CPU when the image work estimate exceeds what was measured', () => {
    expect(burstMetrics(observation({ cpuMs: 8, imageCpuMsPerJob: 5 })).cpu_ms_per_job).toBe(0);
  });

  it('has no defer percentiles when nothing was acknowledged', () => {
    const m = burstMetrics(observation({ deferMs: [], unacked: 8 }));
    expect(m.defer_p99_ms).toBeNull();
    expect(m.unacked).toBe(8);
  });
});

describe('keyed', () => {
  it("leaves Discord's keys bare and prefixes Slack's with slack_", () => {
    expect(keyed('discord', { lost: 0 })).toEqual({ lost: 0 });
    expect(keyed('slack', { lost: 1, defer_p99_ms: 5 })).toEqual({ slack_lost: 1, slack_defer_p99_ms: 5 });
  });
});
