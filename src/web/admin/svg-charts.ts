/**
 * Server-rendered SVG charts: no script, no library. Each chart is role="img" with a <title> and <desc>;
 * every bar and point carries its own <title> (the browser's tooltip). Colours come from CSS classes
 * (admin-assets.ts), so light and dark themes both work.
 */
import { html, type SafeHtml } from '../gallery/html.js';

export interface ChartSeries {
  label: string;
  /** CSS class giving the colour (s-done, s-failed, …). */
  className: string;
}

export interface ChartText {
  /** Unique in the page: ids of the title and desc. */
  id: string;
  title: string;
  desc: string;
  format: (value: number) => string;
}

const W = 600;
const H = 220;
const LEFT = 60;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;
const MAX_X_LABELS = 10;

/** The smallest 1-2-5 step that covers `max` in four gridlines. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return { top: step * Math.ceil(max / step), step };
}

const y = (value: number, top: number) => TOP + PLOT_H - (value / top) * PLOT_H;
const r = (n: number) => Math.round(n * 10) / 10;

function frame(text: ChartText, labels: readonly string[], top: number, step: number, inner: SafeHtml[]) {
  const grid: SafeHtml[] = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    const py = r(y(v, top));
    grid.push(html`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${py}" y2="${py}"/>
<text class="axis" x="${LEFT - 6}" y="${py + 4}" text-anchor="end">${text.format(v)}</text>`);
  }
  const every = Math.max(1, Math.ceil(labels.length / MAX_X_LABELS));
  const slot = PLOT_W / Math.max(1, labels.length);
  const xLabels = labels.map((label, i) =>
    i % every === 0
      ? html`<text class="axis" x="${r(LEFT + slot * (i + 0.5))}" y="${H - 8}" text-anchor="middle">${label}</text>`
      : '',
  );
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${text.id}-t ${text.id}-d" preserveAspectRatio="xMidYMid meet">
<title id="${text.id}-t">${text.title}</title>
<desc id="${text.id}-d">${text.desc}</desc>
${grid}${xLabels}${inner}
</svg>`;
}

/** Bars per bucket, one segment per series stacked bottom-up. `values[i][s]`: bucket i, series s. */
export function stackedBarChart(
  text: ChartText,
  labels: readonly string[],
  series: readonly ChartSeries[],
  values: readonly (readonly number[])[],
): SafeHtml {
  const max = Math.max(0, ...values.map((v) => v.reduce((a, b) => a + b, 0)));
  const { top, step } = niceScale(max);
  const slot = PLOT_W / Math.max(1, labels.length);
  const width = r(Math.max(1, slot * 0.7));
  const bars = values.flatMap((row, i) => {
    let base = 0;
    return series.map((s, k) => {
      const value = row[k] ?? 0;
      if (value <= 0) return html``;
      const y0 = y(base, top);
      base += value;
      const y1 = y(base, top);
      return html`<rect class="${s.className}" x="${r(LEFT + slot * i + (slot - width) / 2)}" y="${r(y1)}" width="${width}" height="${r(Math.max(0.5, y0 - y1))}"><title>${labels[i]}: ${s.label} ${text.format(value)}</title></rect>`;
    });
  });
  return frame(text, labels, top, step, bars);
}

/** One line per series; null values (no data in the bucket) break the line. */
export function lineChart(
  text: ChartText,
  labels: readonly string[],
  series: readonly ChartSeries[],
  values: readonly (readonly (number | null)[])[],
): SafeHtml {
  const all = values.flat().filter((v): v is number => v !== null);
  const { top, step } = niceScale(Math.max(0, ...all));
  const slot = PLOT_W / Math.max(1, labels.length);
  const x = (i: number) => r(LEFT + slot * (i + 0.5));
  const lines = series.map((s, k) => {
    const runs: string[][] = [[]];
    const dots: SafeHtml[] = [];
    values.forEach((row, i) => {
      const v = row[k] ?? null;
      if (v === null) {
        runs.push([]);
        return;
      }
      runs.at(-1)!.push(`${x(i)},${r(y(v, top))}`);
      dots.push(
        html`<circle class="${s.className}" cx="${x(i)}" cy="${r(y(v, top))}" r="3"><title>${labels[i]}: ${s.label} ${text.format(v)}</title></circle>`,
      );
    });
    const paths = runs
      .filter((run) => run.length > 1)
      .map((run) => html`<polyline class="${s.className} line" points="${run.join(' ')}"/>`);
    return html`${paths}${dots}`;
  });
  return frame(text, labels, top, step, lines);
}

/** Horizontal bars, one per item, largest first (the caller's order). */
export function barList(
  text: ChartText,
  items: readonly { label: string; value: number; className: string }[],
): SafeHtml {
  const rowH = 28;
  const height = Math.max(1, items.length) * rowH + 8;
  const max = Math.max(1, ...items.map((i) => i.value));
  const labelW = 190;
  const plot = W - labelW - 60;
  const rows = items.map((item, i) => {
    const w = r((item.value / max) * plot);
    const top = 4 + i * rowH;
    return html`<text class="axis" x="${labelW - 8}" y="${top + 18}" text-anchor="end">${item.label}</text>
<rect class="${item.className}" x="${labelW}" y="${top + 4}" width="${Math.max(1, w)}" height="${rowH - 8}"><title>${item.label}: ${text.format(item.value)}</title></rect>
<text class="value" x="${labelW + Math.max(1, w) + 6}" y="${top + 18}">${text.format(item.value)}</text>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${text.id}-t ${text.id}-d">
<title id="${text.id}-t">${text.title}</title>
<desc id="${text.id}-d">${text.desc}</desc>
${items.length === 0 ? html`<text class="axis" x="${W / 2}" y="22" text-anchor="middle">None</text>` : rows}
</svg>`;
}
