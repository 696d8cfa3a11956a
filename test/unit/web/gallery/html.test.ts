import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../../../src/web/gallery/html.js';

describe('html tagged template', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `<script>alert(1)</script>" onload='x' \`&`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/" onload/);
    expect(out).toBe(
      `<p title="${escapeHtml(evil)}">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&#39;x&#39; &#96;&amp;</p>`,
    );
  });

  it('nests templates without double escaping and joins arrays', () => {
    const items = ['a&b', '<i>'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>&lt;i&gt;</li></ul>');
  });

  it('drops null, undefined and false; prints numbers; passes trusted markup as is', () => {
    expect(html`${null}${undefined}${false}${0}${42}${trusted('<b>x</b>')}`.value).toBe('042<b>x</b>');
  });
});
