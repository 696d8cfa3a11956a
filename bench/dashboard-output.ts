/** The dashboard benchmark's part of `npm run bench`'s table and JSON line. */
import type { DashboardBenchResult } from './dashboard-bench.js';
import { atMost, formatTable, type TableRow } from './report.js';
import { round } from './stats.js';

/** What one synchronous stretch may cost: a Slack ack has 3 s, and many may be waiting behind it. */
const BLOCK_TARGET_MS = 30;

export function dashboardTable(d: DashboardBenchResult): string {
  const rows: TableRow[] = d.ranges.flatMap((r) => [
    {
      metric: `${r.range} first view: ms / CPU ms / statements`,
      target: '',
      values: [round(r.first.wallMs, 1), round(r.first.cpuMs, 1), r.first.statements],
    },
    {
      metric: `${r.range} repeat view: ms / CPU ms / statements`,
      target: '',
      values: [round(r.repeat.wallMs, 1), round(r.repeat.cpuMs, 1), r.repeat.statements],
    },
    {
      // Judged on wall time, what holds the loop; process CPU also counts V8's parallel GC threads.
      metric: `${r.range} longest synchronous stretch: ms / CPU ms`,
      target: `≤ ${BLOCK_TARGET_MS}`,
      values: [round(Math.max(r.first.maxStretchMs, r.repeat.maxStretchMs), 1)],
      pass: atMost(BLOCK_TARGET_MS),
    },
    {
      metric: '  the same stretch, process CPU ms',
      target: '',
      values: [undefined, round(Math.max(r.first.maxStretchCpuMs, r.repeat.maxStretchCpuMs), 1)],
    },
    {
      metric: `${r.range} longest event-loop delay, GC and preemption included (ms)`,
      target: '',
      values: [round(Math.max(r.first.maxBlockMs, r.repeat.maxBlockMs), 1)],
    },
  ]);
  return `Usage dashboard report at ${d.records.toLocaleString('en')} generations in 30 days (embedded libSQL)\n${formatTable(['ms', 'CPU ms', 'statements'], rows)}`;
}

export function dashboardJson(d: DashboardBenchResult): Record<string, number | null> {
  const keys: Record<string, number | null> = { dashboard_records: d.records };
  for (const r of d.ranges) {
    keys[`dashboard_${r.range}_ms`] = round(r.first.wallMs, 1);
    keys[`dashboard_${r.range}_cpu_ms`] = round(r.first.cpuMs, 1);
    keys[`dashboard_${r.range}_repeat_ms`] = round(r.repeat.wallMs, 1);
    keys[`dashboard_${r.range}_repeat_cpu_ms`] = round(r.repeat.cpuMs, 1);
  }
  keys.dashboard_max_block_ms = round(d.maxBlockMs, 1);
  keys.dashboard_max_stretch_ms = round(d.maxStretchMs, 1);
  return keys;
}
