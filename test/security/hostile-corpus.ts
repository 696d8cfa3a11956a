/**
 * Requests a stranger can send, generated: request targets no URL parser likes, every method, hostile
 * headers and bodies. Each is a raw request head (and body) so nothing normalises it on the way.
 */

export interface HostileRequest {
  /** What the failure message names. */
  label: string;
  method: string;
  target: string;
  headers: Record<string, string | null>;
  body?: Buffer | string;
  /** How long to wait for a status line (a server still reading a body is not a failure). */
  timeoutMs?: number;
}

const LONG = 'a'.repeat(8_000);

/** Targets for any listener: the ones that used to throw, percent-escape garbage, traversal, size. */
export const TARGETS: readonly string[] = [
  '/',
  '//',
  '//[',
  '///',
  '//[::1]/',
  '//evil.example/admin',
  '/[',
  'http://x:99999/',
  'http://[/',
  'http://',
  'https://evil.example/healthz',
  'http://127.0.0.1:1/admin?token=x',
  'ftp://x/',
  '*',
  'evil.example:443',
  '/%00',
  '/a%00b/%00.png',
  '/%',
  '/%zz',
  '/%c0%ae%c0%ae/',
  '/%ff%fe',
  '/%ed%a0%80',
  '/%e2%82',
  '/..',
  '/../..',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/.%2e/.%2e/',
  '/..%2f..%2fetc%2fpasswd',
  '/..\\..\\windows',
  '/media/../../../etc/passwd',
  '/media/%2e%2e%2f%2e%2e%2fetc/passwd',
  '/media/..%5c..%5cetc',
  `/${LONG}`,
  `/${'a/'.repeat(3_000)}`,
  `/?${'x=1&'.repeat(1_500)}`,
  // Past Node's 16 KB header limit: answered 431 by the HTTP parser itself.
  `/${'b'.repeat(20_000)}`,
  '/?a[b][c]=1&__proto__[polluted]=1&constructor[prototype][x]=1',
  '/?%',
  '/?token=%ff',
  '/#fragment',
];

/** Suffixes tried on each of a listener's own routes. */
const SUFFIXES = ['', '/', '/..', '/%00', '/%ff', '?%', '//', '/../../..', '?__proto__[a]=1', '/%2e%2e'];

export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'BREW',
];

/** Header sets; Host is added by the sender unless a set names its own. */
export const HEADER_SETS: ReadonlyArray<[string, Record<string, string | null>]> = [
  ['no Host', { Host: null }],
  ['empty Host', { Host: '' }],
  ['foreign Host', { Host: 'evil.example' }],
  ['broken Host', { Host: '[::1' }],
  ['Origin null', { Origin: 'null' }],
  ['foreign Origin', { Origin: 'https://evil.example' }],
  ['Expect 100-continue', { Expect: '100-continue', 'Content-Length': '0' }],
  ['unknown Expect', { Expect: 'teapot' }],
  ['websocket upgrade', { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13' }],
  ['h2c upgrade', { Upgrade: 'h2c', Connection: 'Upgrade, HTTP2-Settings', 'HTTP2-Settings': '' }],
  ['bad Content-Length', { 'Content-Length': 'abc' }],
  ['negative Content-Length', { 'Content-Length': '-1' }],
  ['broken chunking', { 'Transfer-Encoding': 'chunked, identity' }],
  ['garbage bearer', { Authorization: `Bearer ${'x'.repeat(4_000)}` }],
  ['garbage basic', { Authorization: 'Basic %%%' }],
  ['forged admin cookie', { Cookie: 'atelier_admin=v1.999999999999.AAAA; atelier_admin=; =;;' }],
  ['X-Forwarded-For garbage', { 'X-Forwarded-For': '::ffff:999.1.1.1, [, unknown' }],
  ['odd Accept', { Accept: '*/*;q=NaN', 'Accept-Encoding': 'br;q=2, gzip;q=-1' }],
  ['overlong header', { 'X-Long': 'h'.repeat(20_000) }],
];

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';

/** Bodies: not objects, prototype keys, deep nesting, bad UTF-8, multipart garbage, 10 MB. */
export const BODIES: ReadonlyArray<[string, string, Buffer | string]> = [
  ['JSON null', JSON_TYPE, 'null'],
  ['JSON array', JSON_TYPE, '[]'],
  ['JSON array of objects', JSON_TYPE, '[{"type":"url_verification"}]'],
  ['JSON number', JSON_TYPE, '7'],
  ['JSON string', JSON_TYPE, '"ssl_check"'],
  ['JSON true', JSON_TYPE, 'true'],
  ['empty object', JSON_TYPE, '{}'],
  ['prototype keys', JSON_TYPE, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}'],
  ['deep arrays', JSON_TYPE, `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['deep objects', JSON_TYPE, `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
  ['invalid UTF-8', JSON_TYPE, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc0, 0xae, 0x22, 0x3a, 0x31, 0x7d])],
  ['not JSON', JSON_TYPE, '{"a":'],
  ['form payload=null', FORM, 'payload=null'],
  ['form payload array', FORM, 'payload=%5B1%5D'],
  ['form garbage', FORM, '%%%&&==&payload=%7B'],
  ['multipart without boundary', 'multipart/form-data', '--x\r\n\r\n'],
  [
    'multipart garbage',
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\nnull\r\n--x--',
  ],
];

export const TEN_MB = Buffer.alloc(10 * 1024 * 1024, 0x61);

/** One listener's routes: read paths to bend, and write paths to post bodies to. */
export interface ListenerRoutes {
  reads: string[];
  writes: string[];
  /** Headers a real client of this listener sends (its credentials), so bodies get past auth. */
  auth?: Record<string, string>;
}

export function corpusFor(routes: ListenerRoutes): HostileRequest[] {
  const requests: HostileRequest[] = [];
  for (const target of TARGETS)
    requests.push({ label: `GET ${target.slice(0, 60)}`, method: 'GET', target, headers: {} });
  for (const route of routes.reads)
    for (const suffix of SUFFIXES)
      requests.push({ label: `GET ${route}${suffix}`, method: 'GET', target: route + suffix, headers: {} });
  for (const route of [...routes.reads, ...routes.writes])
    for (const method of METHODS)
      requests.push({
        label: `${method} ${route}`,
        method,
        target: route,
        headers: { 'Content-Length': '0' },
      });
  for (const [name, headers] of HEADER_SETS)
    for (const target of ['//[', routes.writes[0] ?? routes.reads[0] ?? '/'])
      requests.push({
        label: `${name} → ${target}`,
        method: name.includes('Expect') ? 'POST' : 'GET',
        target,
        headers,
      });
  for (const route of routes.writes) {
    for (const [name, type, body] of BODIES)
      for (const auth of routes.auth ? [{}, routes.auth] : [{}])
        requests.push({
          label: `POST ${route} ${name}${Object.keys(auth).length ? ' (with credentials)' : ''}`,
          method: 'POST',
          target: route,
          headers: { ...auth, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) },
          body,
        });
  }
  const bulk = routes.writes[0];
  if (bulk)
    requests.push({
      label: `POST ${bulk} 10 MB`,
      method: 'POST',
      target: bulk,
      headers: { 'Content-Type': JSON_TYPE, 'Content-Length': String(TEN_MB.length) },
      body: TEN_MB,
      timeoutMs: 5_000,
    });
  return requests;
}
