import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../../src/infra/metrics.js';
import { PROJECT_ROOT } from '../../../../src/paths.js';

interface Target {
  expr: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
}

const dashboard = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'docs', 'grafana', 'atelier-dashboard.json'), 'utf8'),
) as {
  title: string;
  uid: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown }[] };
};
/** Grafana's variable reference, written literally in the JSON. */
const DS_VAR = ['$', '{datasource}'].join('');
const panels = dashboard.panels.filter((p) => p.type !== 'row');
const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const metricNames = (expr: string) => [...expr.matchAll(/\batelier_[a-z0-9_]+/g)].map((m) => m[0]);

/** Every series name createMetrics() exposes, histograms with their _bucket/_sum/_count series. */
async function exposedNames(): Promise<Set<string>> {
  const metrics = createMetrics();
  const names = new Set<string>();
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
  }
  return names;
}

describe('Grafana dashboard (docs/grafana/atelier-dashboard.json)', () => {
  it('is an importable dashboard with a Prometheus datasource variable used by every panel', () => {
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ds = dashboard.templating.list.find((v) => v.type === 'datasource');
    expect(ds).toMatchObject({ name: 'datasource', query: 'prometheus' });
    expect(panels.length).toBeGreaterThan(10);
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: DS_VAR });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const t of panel.targets ?? []) expect(t.datasource?.uid, panel.title).toBe(DS_VAR);
    }
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it('queries only metrics that createMetrics() registers', async () => {
    const exposed = await exposedNames();
    const used = new Set(exprs.flatMap(metricNames));
    expect(used.size).toBeGreaterThan(8);
    const unknown = [...used].filter((name) => !exposed.has(name));
    expect(unknown).toEqual([]);
    // Template variables query label values of registered metrics too.
    const variableQueries = dashboard.templating.list.map((v) => JSON.stringify(v.query));
    for (const name of variableQueries.flatMap(metricNames)) expect(exposed.has(name), name).toBe(true);
  });

  it('has panels for jobs, failures by class, p50/p95 durations, provider latency, queue, chat calls, refusals, cost and moderation', () => {
    const all = exprs.join('\n');
    for (const name of [
      'atelier_workspace_jobs_total',
      'atelier_job_errors_total',
      'atelier_job_duration_seconds_bucket',
      'atelier_provider_latency_seconds_bucket',
      'atelier_queue_depth',
      'atelier_chat_api_calls_total',
      'atelier_refusals_total',
      'atelier_workspace_cost_usd_total',
      'atelier_moderation_decisions_total',
    ])
      expect(all, name).toContain(name);
    for (const q of ['0.5', '0.95'])
      for (const h of ['atelier_job_duration_seconds_bucket', 'atelier_provider_latency_seconds_bucket'])
        expect(
          exprs.some((e) => e.includes(`histogram_quantile(${q},`) && e.includes(h)),
          `${h} p${q}`,
        ).toBe(true);
  });

  it('lays panels out without overlap on the 24-column grid', () => {
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, p.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`), `${p.title} overlaps at ${i},${j}`).toBe(false);
          cells.add(`${i},${j}`);
        }
    }
  });
});
