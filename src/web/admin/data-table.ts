import { html, type SafeHtml } from '../gallery/html.js';

export interface Column<T> {
  header: string;
  cell: (row: T) => string | SafeHtml;
  /** Numbers align right. */
  numeric?: boolean;
}

/** A plain, accessible table: caption, column headers, the first cell of a row as its row header. */
export function dataTable<T>(
  caption: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  empty = 'No jobs',
): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  const cls = (c: Column<T>) => (c.numeric ? 'num' : null);
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.header}</th>`)}</tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr>${columns.map((c, i) =>
        i === 0 ? html`<th scope="row">${c.cell(row)}</th>` : html`<td class="${cls(c)}">${c.cell(row)}</td>`,
      )}</tr>`,
  )}</tbody>
</table></div>`;
}
