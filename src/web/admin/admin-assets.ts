/** The dashboard's styles on top of the gallery's PAGE_CSS (same palette, light and dark). */
export const ADMIN_CSS = `
:root{--done:#3f8f5f;--failed:#c2452d;--blocked:#c99a2e;--cost:#5a6fbf;--p50:#3f7fbf;--p95:#b5542d}
@media (prefers-color-scheme:dark){:root{--done:#5fbf85;--failed:#e0735f;--blocked:#e6bd5c;--cost:#8c9ee6;--p50:#6fa8e0;--p95:#e08a5f}}
header .sub a{margin-left:4px}
dl.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin:8px 0 16px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px}
.kpi dt{font-size:.8rem;color:var(--muted)}
.kpi dd{margin:2px 0 0;font-size:1.35rem;font-weight:600}
.kpi small{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.charts{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(520px,1fr))}
@media (max-width:600px){.charts{grid-template-columns:1fr}}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px;margin:0;min-width:0}
.panel h2{font-size:1rem;margin:0 0 6px}
figcaption{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:8px}
ul.legend{display:flex;gap:12px;list-style:none;margin:0;padding:0;font-size:.8rem;color:var(--muted)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
svg.chart{display:block;width:100%;height:auto}
svg .grid{stroke:var(--line);stroke-width:1}
svg .axis,svg .value{fill:var(--muted);font-size:12px;font-family:system-ui,sans-serif}
svg .line{fill:none;stroke-width:2}
.s-done{fill:var(--done);background:var(--done)}
.s-failed{fill:var(--failed);background:var(--failed)}
.s-blocked{fill:var(--blocked);background:var(--blocked)}
.s-cost{fill:var(--cost);background:var(--cost)}
.s-p50{fill:var(--p50);stroke:var(--p50);background:var(--p50)}
.s-p95{fill:var(--p95);stroke:var(--p95);background:var(--p95)}
svg polyline.s-p50,svg polyline.s-p95{fill:none}
details{margin-top:6px;font-size:.85rem}
summary{cursor:pointer;color:var(--muted)}
.tables{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));margin-top:12px}
.tables .wide{grid-column:1/-1}
.table-wrap{overflow-x:auto;max-height:420px;overflow-y:auto}
table{border-collapse:collapse;width:100%;font-size:.85rem}
caption{text-align:left;color:var(--muted);font-size:.8rem;padding-bottom:4px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th[scope=row]{font-weight:500;overflow-wrap:anywhere;white-space:normal}
.num{text-align:right;font-variant-numeric:tabular-nums}
`;
