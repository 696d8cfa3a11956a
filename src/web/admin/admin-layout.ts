import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FILTER_SCRIPT, PAGE_CSS } from '../gallery/assets.js';
import { html, type SafeHtml, trusted } from '../gallery/html.js';
import { ADMIN_CSS } from './admin-assets.js';

/** Headers every /admin answer carries, pages, JSON and errors alike: private, never cached, never framed. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
};

/**
 * Nothing may load from anywhere: charts are inline SVG, styles and the one script carry the nonce,
 * and the filter form submits to this server only.
 */
const csp = (nonce: string) =>
  [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** A full admin page (with the filter form's auto-submit script when `script`). */
export function sendAdminPage(
  res: ServerResponse,
  status: number,
  view: { title: string; body: SafeHtml; script?: boolean },
  headers: Record<string, string> = {},
): void {
  const nonce = randomBytes(16).toString('base64');
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${view.title} · Atelier</title>
<style nonce="${nonce}">${trusted(PAGE_CSS)}${trusted(ADMIN_CSS)}</style>
</head>
<body>
${view.body}
${view.script ? html`<script nonce="${nonce}">${trusted(FILTER_SCRIPT)}</script>` : ''}
</body>
</html>
`.value;
  const body = Buffer.from(page, 'utf8');
  res.writeHead(status, {
    ...ADMIN_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'content-security-policy': csp(nonce),
    ...headers,
  });
  res.end(body);
}
