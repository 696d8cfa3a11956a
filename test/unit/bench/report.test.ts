import { describe, expect, it } from 'vitest';
import { atMost, exactly, formatTable } from '../../../bench/report.js';

describe('formatTable', () => {
  it('aligns columns and marks each value against its target', () => {
    const text = formatTable(
      ['discord', 'slack'],
      [
        { metric: 'defer p99 (ms)', target: '≤ 50', values: [12, 80], pass: atMost(50) },
        { metric: 'lost', target: '0', values: [0, undefined], pass: exactly(0) },
        { metric: 'ratio', target: '', values: [null, 1.2] },
      ],
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^metric\s+target\s+discord\s+slack$/);
    expect(lines[2]).toMatch(/^defer p99 \(ms\)\s+≤ 50\s+12 ok\s+80 MISS$/);
    expect(lines[3]).toMatch(/^lost\s+0\s+0 ok\s+—$/);
    expect(lines[4]).toMatch(/^ratio\s+n\/a\s+1\.2$/);
    // Every row starts its value columns at the same offset.
    const at = lines[0]!.indexOf('discord');
    expect(lines.slice(2).every((l) => l.slice(at - 2, at) === '  ')).toBe(true);
  });
});
