import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FileStore } from './file-store.js';
import { mediaType, readBody, readJson, sendJson, sendText } from './http-io.js';
import { RESPONSE_PATH, type ResponseUrls } from './response-urls.js';
import type { Json } from './types.js';

export interface AssetRouteDeps {
  files: FileStore;
  responseUrls: ResponseUrls;
  botToken: string;
}

/** Upload URLs, private file URLs and response URLs; false when the path is none of them. */
export async function handleAssetRoute(
  deps: AssetRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const upload = /^\/upload\/v1\/([\w-]+)$/.exec(url.pathname);
  if (upload && req.method === 'POST') {
    const bytes = await readUploadBytes(req);
    if (!deps.files.receive(upload[1] ?? '', bytes)) sendText(res, 404, 'Not Found');
    else sendText(res, 200, `OK - ${bytes.length}`);
    return true;
  }
  const privateFile = /^\/files-pri\/[A-Z0-9]+-(F[A-Z0-9]+)\/[^/]+$/.exec(url.pathname);
  if (privateFile && (req.method === 'GET' || req.method === 'HEAD')) {
    // Like Slack, private file URLs need the bot token.
    if (req.headers.authorization !== `Bearer ${deps.botToken}`) {
      sendText(res, 403, 'Forbidden');
      return true;
    }
    sendFile(deps.files, privateFile[1] ?? '', req, res);
    return true;
  }
  if (url.pathname.startsWith(RESPONSE_PATH) && req.method === 'POST') {
    const token = url.pathname.split('/').at(-1) ?? '';
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      sendJson(res, 400, { ok: false, error: 'invalid_payload' });
      return true;
    }
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    const answer = isObject
      ? await deps.responseUrls.post(token, body as Json)
      : { status: 400, body: { ok: false, error: 'invalid_payload' } };
    sendJson(res, answer.status, answer.body);
    return true;
  }
  return false;
}

export function sendFile(files: FileStore, id: string, req: IncomingMessage, res: ServerResponse): void {
  const file = files.get(id);
  if (!file) {
    sendText(res, 404, 'Not Found');
    return;
  }
  res.writeHead(200, { 'content-type': file.mimetype, 'content-length': file.bytes.length });
  res.end(req.method === 'HEAD' ? undefined : file.bytes);
}

/** @slack/web-api posts the bytes as a multipart form; other clients send them raw. */
async function readUploadBytes(req: IncomingMessage): Promise<Buffer> {
  const raw = await readBody(req);
  if (mediaType(req) !== 'multipart/form-data') return raw;
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
