import {
  DASHBOARD_RANGES,
  type JobCounts,
  type UsageReport,
  type WorkspaceRef,
} from '../../core/usage/usage-report.js';
import { html, type SafeHtml } from '../gallery/html.js';
import { formatCount, formatMs, formatPercent, formatUsd, platformLabel } from './admin-format.js';
import { renderCharts } from './dashboard-charts.js';
import { type DashboardSelection, rangeLabel, selectionParams, workspaceValue } from './dashboard-query.js';
import { type Column, dataTable } from './data-table.js';

const RANGE_NAMES = { '24h': '24 hours (hourly)', '7d': '7 days (daily)', '30d': '30 days (daily)' } as const;

const workspaceName = (w: WorkspaceRef) => `${platformLabel(w.platform)} · ${w.workspaceId}`;

function filterForm(selection: DashboardSelection, report: UsageReport): SafeHtml {
  const workspaces = [...report.choices.workspaces];
  const chosen = selection.workspace;
  if (chosen && !workspaces.some((w) => workspaceValue(w) === workspaceValue(chosen)))
    workspaces.push(chosen);
  const models = [...report.choices.models];
  if (selection.model !== undefined && !models.includes(selection.model)) models.push(selection.model);
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/admin">
<label>Range<select name="range">${DASHBOARD_RANGES.map((r) => option(r, RANGE_NAMES[r], r === selection.range))}</select></label>
<label>Workspace<select name="ws">${option('', 'All workspaces', !chosen)}${workspaces.map((w) =>
    option(
      workspaceValue(w),
      workspaceName(w),
      chosen !== undefined && workspaceValue(w) === workspaceValue(chosen),
    ),
  )}</select></label>
<label>Model<select name="model">${option('', 'All models', selection.model === undefined)}${models.map((m) =>
    option(m, m, m === selection.model),
  )}</select></label>
<button class="apply" type="submit">Apply</button>
</form>`;
}

function kpis(report: UsageReport): SafeHtml {
  const t = report.totals;
  const finished = t.done + t.failed + t.blocked;
  const card = (label: string, value: string, note?: string) =>
    html`<div class="kpi"><dt>${label}</dt><dd>${value}${note ? html`<small>${note}</small>` : ''}</dd></div>`;
  return html`<dl class="kpis">
${card('Jobs', formatCount(t.jobs), t.running > 0 ? `${formatCount(t.running)} running` : undefined)}
${card('Failed', formatCount(t.failed), formatPercent(t.failed, finished))}
${card('Blocked', formatCount(t.blocked), formatPercent(t.blocked, finished))}
${card('Estimated cost', formatUsd(t.costMicros))}
${card('Request → final', `${formatMs(report.latency.total.p50Ms)} p50`, `${formatMs(report.latency.total.p95Ms)} p95`)}
${card('Provider', `${formatMs(report.latency.provider.p50Ms)} p50`, `${formatMs(report.latency.provider.p95Ms)} p95`)}
</dl>`;
}

const countColumns = <T extends JobCounts>(): Column<T>[] => [
  { header: 'Jobs', cell: (r) => formatCount(r.jobs), numeric: true },
  { header: 'Failed', cell: (r) => formatCount(r.failed), numeric: true },
  { header: 'Blocked', cell: (r) => formatCount(r.blocked), numeric: true },
  {
    header: 'Failure rate',
    cell: (r) => formatPercent(r.failed, r.done + r.failed + r.blocked),
    numeric: true,
  },
  { header: 'Est. cost', cell: (r) => formatUsd(r.costMicros), numeric: true },
];

function tables(report: UsageReport): SafeHtml {
  const workspaces = dataTable(
    'Usage per workspace',
    [{ header: 'Workspace', cell: workspaceName }, ...countColumns<(typeof report.workspaces)[number]>()],
    report.workspaces,
  );
  const models = dataTable(
    'Usage per model',
    [{ header: 'Model', cell: (m) => m.model }, ...countColumns<(typeof report.models)[number]>()],
    report.models,
  );
  const users = dataTable(
    `Top ${report.topUsers.length} users by jobs`,
    [
      { header: 'User', cell: (u) => u.userId },
      { header: 'Workspace', cell: workspaceName },
      ...countColumns<(typeof report.topUsers)[number]>(),
    ],
    report.topUsers,
  );
  return html`<section class="tables">
<div class="panel"><h2>Per workspace</h2>${workspaces}</div>
<div class="panel"><h2>Per model</h2>${models}</div>
<div class="panel wide"><h2>Top users</h2>${users}</div>
</section>`;
}

/** The whole dashboard body: filters, headline numbers, charts, tables. */
export function renderDashboardPage(
  selection: DashboardSelection,
  report: UsageReport,
  generatedAt: number,
): SafeHtml {
  const rangeText = rangeLabel(selection.range).toLowerCase();
  const scope = [
    selection.workspace ? workspaceName(selection.workspace) : 'all workspaces',
    selection.model ?? 'all models',
  ].join(', ');
  const query = selectionParams(selection).toString();
  return html`<header>
<h1>Atelier usage</h1>
<p class="sub">${rangeLabel(selection.range)} (UTC), ${scope}. Generated ${new Date(generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC · <a href="/admin/usage.json${query ? `?${query}` : ''}">JSON</a></p>
${filterForm(selection, report)}
</header>
<main>
${kpis(report)}
${renderCharts(report, rangeText)}
${tables(report)}
</main>`;
}
