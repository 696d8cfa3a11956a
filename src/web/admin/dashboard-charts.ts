import type { LatencyPoint, UsageBucket, UsageReport } from '../../core/usage/usage-report.js';
import { html, type SafeHtml } from '../gallery/html.js';
import { bucketLabel, formatCount, formatMs, formatUsd, shortBucketLabel } from './admin-format.js';
import { dataTable } from './data-table.js';
import { barList, type ChartSeries, lineChart, stackedBarChart } from './svg-charts.js';

const JOB_SERIES: readonly ChartSeries[] = [
  { label: 'done', className: 's-done' },
  { label: 'failed', className: 's-failed' },
  { label: 'blocked', className: 's-blocked' },
];
const PERCENTILES: readonly ChartSeries[] = [
  { label: 'p50', className: 's-p50' },
  { label: 'p95', className: 's-p95' },
];
const CLASS_LABELS: Record<string, string> = {
  retryable: 'Retryable (provider)',
  user: 'Input refused (user)',
  fatal: 'Fatal',
  unknown: 'Unclassified',
};

function legend(series: readonly ChartSeries[]): SafeHtml {
  return html`<ul class="legend">${series.map((s) => html`<li><span class="swatch ${s.className}"></span>${s.label}</li>`)}</ul>`;
}

function panel(
  id: string,
  heading: string,
  series: readonly ChartSeries[],
  chart: SafeHtml,
  table: SafeHtml,
): SafeHtml {
  return html`<figure class="panel" id="${id}">
<figcaption><h2>${heading}</h2>${series.length > 0 ? legend(series) : ''}</figcaption>
${chart}
<details><summary>Data table</summary>${table}</details>
</figure>`;
}

/** The five charts of the page, each with its data as a table for screen readers and copying. */
export function renderCharts(report: UsageReport, rangeText: string): SafeHtml {
  const { buckets } = report;
  const { bucketMs } = report.query;
  const labels = buckets.map((b) => shortBucketLabel(b.start, bucketMs));
  const when = (b: UsageBucket) => bucketLabel(b.start, bucketMs);
  const count = (n: number) => formatCount(n);

  const jobs = stackedBarChart(
    {
      id: 'jobs',
      title: 'Jobs over time',
      desc: `Finished jobs per bucket by outcome, ${rangeText}: ${report.totals.done} done, ${report.totals.failed} failed, ${report.totals.blocked} blocked.`,
      format: count,
    },
    labels,
    JOB_SERIES,
    buckets.map((b) => [b.done, b.failed, b.blocked]),
  );
  const jobsTable = dataTable(
    'Jobs per bucket',
    [
      { header: 'Bucket (UTC)', cell: when },
      { header: 'Done', cell: (b) => count(b.done), numeric: true },
      { header: 'Failed', cell: (b) => count(b.failed), numeric: true },
      { header: 'Blocked', cell: (b) => count(b.blocked), numeric: true },
      { header: 'Running', cell: (b) => count(b.running), numeric: true },
    ],
    buckets,
  );

  const classes = [
    ...report.failuresByClass.map((f) => ({
      label: CLASS_LABELS[f.errorClass] ?? f.errorClass,
      value: f.count,
      className: 's-failed',
    })),
    ...(report.totals.blocked > 0
      ? [{ label: 'Blocked (safety filter)', value: report.totals.blocked, className: 's-blocked' }]
      : []),
  ];
  const failures = barList(
    {
      id: 'failures',
      title: 'Failures by error class',
      desc: `Failed jobs by error class and jobs blocked by the safety filter, ${rangeText}.`,
      format: count,
    },
    classes,
  );
  const failuresTable = dataTable(
    'Failures by class',
    [
      { header: 'Class', cell: (c) => c.label },
      { header: 'Jobs', cell: (c) => count(c.value), numeric: true },
    ],
    classes,
    'No failures',
  );

  const latencyPanel = (
    id: string,
    heading: string,
    desc: string,
    pick: (b: UsageBucket) => LatencyPoint,
  ) => {
    const chart = lineChart(
      { id, title: heading, desc, format: (ms) => formatMs(ms) },
      labels,
      PERCENTILES,
      buckets.map((b) => [pick(b).p50Ms, pick(b).p95Ms]),
    );
    const table = dataTable(
      heading,
      [
        { header: 'Bucket (UTC)', cell: when },
        { header: 'p50', cell: (b) => formatMs(pick(b).p50Ms), numeric: true },
        { header: 'p95', cell: (b) => formatMs(pick(b).p95Ms), numeric: true },
        { header: 'Jobs measured', cell: (b) => count(pick(b).samples), numeric: true },
      ],
      buckets,
    );
    return panel(`chart-${id}`, heading, PERCENTILES, chart, table);
  };

  const cost = stackedBarChart(
    {
      id: 'cost',
      title: 'Estimated cost over time',
      desc: `Estimated provider cost per bucket, ${rangeText}: ${formatUsd(report.totals.costMicros)} in all.`,
      format: (v) => formatUsd(v),
    },
    labels,
    [{ label: 'cost', className: 's-cost' }],
    buckets.map((b) => [b.costMicros]),
  );
  const costTable = dataTable(
    'Estimated cost per bucket',
    [
      { header: 'Bucket (UTC)', cell: when },
      { header: 'Cost', cell: (b) => formatUsd(b.costMicros), numeric: true },
    ],
    buckets,
  );

  return html`<section class="charts">
${panel('chart-jobs', 'Jobs over time', JOB_SERIES, jobs, jobsTable)}
${panel('chart-failures', 'Failures by error class', [], failures, failuresTable)}
${latencyPanel('latency-total', 'Latency: request → final state', `p50 and p95 time from request to done, failed or blocked, ${rangeText}.`, (b) => b.latency.total)}
${latencyPanel('latency-provider', 'Latency: provider submit → result', `p50 and p95 time from submitting to the provider to the stored result, ${rangeText}.`, (b) => b.latency.provider)}
${panel('chart-cost', 'Estimated cost over time', [], cost, costTable)}
</section>`;
}
