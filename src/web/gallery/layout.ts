import type { ServerResponse } from 'node:http';
import { FILTER_SCRIPT, PAGE_CSS } from './assets.js';
import { html, type SafeHtml, trusted } from './html.js';

export interface PageParts {
  title: string;
  nonce: string;
  body: SafeHtml;
  /** Include the filter form's script. */
  script?: boolean;
  /** Styles of this kind of page, after the shared ones. */
  css?: string;
}

/** The document around every page: inline CSS and script carry the response's CSP nonce. */
export function renderLayout(parts: PageParts): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${parts.title} · Atelier</title>
<style nonce="${parts.nonce}">${trusted(PAGE_CSS)}${trusted(parts.css ?? '')}</style>
</head>
<body>
${parts.body}
${parts.script ? html`<script nonce="${parts.nonce}">${trusted(FILTER_SCRIPT)}</script>` : ''}
</body>
</html>
`.value;
}

export interface SendPageOptions {
  nonce: string;
  /** Origins images are loaded from (our storage's public URL); 'self' and data: are always allowed. */
  imageOrigins?: Iterable<string>;
  /** Gallery pages are personal and carry a signature: never cached. The style browser is public. */
  cache: 'private' | 'public';
}

export function sendPage(res: ServerResponse, status: number, page: string, options: SendPageOptions): void {
  const origins = [...new Set(options.imageOrigins ?? [])].join(' ');
  const csp = [
    "default-src 'self'",
    `img-src 'self'${origins ? ` ${origins}` : ''} data:`,
    `style-src 'nonce-${options.nonce}'`,
    `script-src 'nonce-${options.nonce}'`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const body = Buffer.from(page, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The signature is in the URL: never send it to another site.
    'referrer-policy': 'no-referrer',
    'cache-control': options.cache === 'private' ? 'private, no-store' : 'public, max-age=60',
  });
  res.end(body);
}

/** The origin of an http(s) URL, or undefined for anything else (never put into a CSP or an img). */
export function httpOrigin(url: string | null | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
}
