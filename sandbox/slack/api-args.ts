import type { IncomingMessage } from 'node:http';
import { mediaType, readBody } from './http-io.js';
import type { Json } from './types.js';

/** A Web API error answer: `{ ok: false, error, ...extra }`. Method handlers throw it. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Json = {},
  ) {
    super(error);
  }
}

/** Arguments that arrive JSON-encoded inside form fields (@slack/web-api stringifies objects and arrays). */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
]);

export interface ParsedApiRequest {
  args: Json;
  /** Token from `Authorization: Bearer`, else the `token` argument. */
  token?: string;
}

/** Reads a Web API call the way Slack accepts it: query string, form-encoded, JSON or multipart. */
export async function parseApiRequest(req: IncomingMessage, url: URL): Promise<ParsedApiRequest> {
  const args: Json = Object.fromEntries(url.searchParams);
  const raw = req.method === 'GET' ? Buffer.alloc(0) : await readBody(req);
  const type = mediaType(req);
  if (raw.length > 0 && type === 'application/json') {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) Object.assign(args, parsed);
  } else if (raw.length > 0 && type === 'multipart/form-data') {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    for (const [key, value] of form.entries()) {
      args[key] =
        typeof value === 'string' ? decodeJsonField(key, value) : Buffer.from(await value.arrayBuffer());
    }
  } else if (raw.length > 0) {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8')))
      args[key] = decodeJsonField(key, value);
  }
  const auth = req.headers.authorization;
  const bearer = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
  const token = bearer || (typeof args.token === 'string' ? args.token : undefined);
  delete args.token;
  return token ? { args, token } : { args };
}

function decodeJsonField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Typed readers over loosely typed arguments (form values are always strings). */
export function str(args: Json, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function requireStr(args: Json, key: string, error = 'invalid_arguments'): string {
  const value = str(args, key);
  if (value === undefined || value === '') throw new SlackApiError(error, { detail: `missing ${key}` });
  return value;
}

export function bool(args: Json, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function int(args: Json, key: string): number | undefined {
  const value = str(args, key);
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** An array argument; `invalid` when present but not an array (or not valid JSON). */
export function list(args: Json, key: string): unknown[] | undefined | 'invalid' {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  return Array.isArray(value) ? value : 'invalid';
}

export function object(args: Json, key: string): Json | undefined {
  const value = args[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** What `emulator.calls` keeps of the arguments. */
export function summariseArgs(args: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(args)) {
    out[key] = Buffer.isBuffer(value) ? `[${value.length} bytes]` : value;
  }
  return out;
}
