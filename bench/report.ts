/** The human table of `npm run bench`: one row per metric, its target, and each platform's value. */

export interface TableRow {
  metric: string;
  target: string;
  /** Column values in order; undefined when that part did not run. */
  values: Array<number | string | null | undefined>;
  /** Whether a value meets the target (undefined: no target to judge). */
  pass?(value: number): boolean;
}

const show = (v: number | string | null | undefined): string =>
  v === undefined ? '—' : v === null ? 'n/a' : typeof v === 'number' ? String(v) : v;

function mark(row: TableRow, v: number | string | null | undefined): string {
  if (typeof v !== 'number' || !row.pass) return '';
  return row.pass(v) ? ' ok' : ' MISS';
}

/** A plain fixed-width table (no colour codes, so it reads the same in a log file). */
export function formatTable(columns: readonly string[], rows: readonly TableRow[]): string {
  const cells = rows.map((row) => [
    row.metric,
    row.target,
    ...row.values.map((v) => `${show(v)}${mark(row, v)}`),
  ]);
  const header = ['metric', 'target', ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export const atMost = (limit: number) => (v: number) => v <= limit;
export const exactly = (wanted: number) => (v: number) => v === wanted;
