import { describe, expect, it } from 'vitest';
import { barList, lineChart, niceScale, stackedBarChart } from '../../../../src/web/admin/svg-charts.js';

const text = (id: string) => ({ id, title: `T <${id}>`, desc: 'D & d', format: (v: number) => String(v) });
const heights = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`<rect class="${cls}"[^>]* height="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('svg charts', () => {
  it('picks 1-2-5 scales that cover the maximum', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 0.25 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    expect(niceScale(100)).toEqual({ top: 100, step: 25 });
    expect(niceScale(0.0786).top).toBeGreaterThanOrEqual(0.0786);
  });

  it('stacks bars in proportion, labels them, and escapes text', () => {
    const svg = stackedBarChart(
      text('jobs'),
      ['<a>', 'b'],
      [
        { label: 'done', className: 's-done' },
        { label: 'failed', className: 's-failed' },
      ],
      [
        [2, 1],
        [4, 0],
      ],
    ).value;
    expect(svg).toContain('role="img" aria-labelledby="jobs-t jobs-d"');
    expect(svg).toContain('<title id="jobs-t">T &lt;jobs&gt;</title>');
    expect(svg).toContain('<desc id="jobs-d">D &amp; d</desc>');
    const [first, second] = heights(svg, 's-done');
    expect(second! / first!).toBeCloseTo(2, 1);
    expect(heights(svg, 's-failed')).toHaveLength(1); // zero segments are not drawn
    expect(svg).toContain('<title>&lt;a&gt;: done 2</title>');
    expect(svg).not.toContain('<a>');
  });

  it('breaks a line where a bucket has no value', () => {
    const svg = lineChart(
      text('lat'),
      ['1', '2', '3', '4', '5'],
      [{ label: 'p50', className: 's-p50' }],
      [[1], [2], [null], [3], [4]],
    ).value;
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(4);
  });

  it('draws one bar per item, or says none', () => {
    expect(barList(text('f'), []).value).toContain('>None</text>');
    const svg = barList(text('f'), [
      { label: 'retryable', value: 4, className: 's-failed' },
      { label: 'user', value: 2, className: 's-failed' },
    ]).value;
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]! / widths[1]!).toBeCloseTo(2, 1);
  });
});
