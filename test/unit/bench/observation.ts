import type { BurstObservation } from '../../../bench/burst-metrics.js';

/** A finished burst of 8 jobs, 5 chat calls and 10 ms of CPU (2.5 of it image work) each; fields overridable. */
export function observation(overrides: Partial<BurstObservation> = {}): BurstObservation {
  const n = 8;
  return {
    platform: 'discord',
    n,
    concurrency: 4,
    latencyMs: 1000,
    deferMs: [10, 20, 30, 40, 50, 60, 70, 80],
    unacked: 0,
    startedAt: 1_000_000,
    // Two rounds of 1 s: ideal 2000 ms; the last job finished 2100 ms after the first command.
    finalAt: new Map(Array.from({ length: n }, (_, i) => [i, 1_000_000 + 1000 + (i >= 4 ? 1100 : 50)])),
    failed: 0,
    duplicated: 0,
    peakProviderConcurrency: 4,
    chatCalls: 40,
    chatCallsByRoute: {},
    editsByStatus: {},
    cpuMs: 80,
    imageCpuMsPerJob: 2.5,
    rssPeakMb: 180.25,
    rssIdleMb: 150,
    falSubmits: n,
    emulatorLoopDelay: { p99Ms: 12.5, maxMs: 30 },
    botPid: 1,
    windowUs: [0, 1],
    ...overrides,
  };
}
