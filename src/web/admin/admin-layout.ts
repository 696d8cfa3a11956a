import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SafeHtml } from '../gallery/html.js';
import { renderLayout } from '../gallery/layout.js';
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
  const page = renderLayout({ ...view, nonce, css: ADMIN_CSS });
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
