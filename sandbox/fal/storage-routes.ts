import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, readJson, sendEmpty, sendJson } from './http-io.js';
import { MediaStore } from './media-store.js';

/**
 * fal's storage upload, as @fal-ai/client 1.10 drives it for `fal.storage.upload(blob)` (fal-js
 * libs/client/src/storage.ts @ 381105e1, `initiateUpload` and `createStorageClient().upload`):
 *  1. POST {rest}/storage/upload/initiate?storage_type=fal-cdn-v3, `Authorization: Key …`, JSON
 *     { content_type, file_name } → { upload_url, file_url } (rest = getRestApiUrl(), https://rest.fal.ai;
 *     sent through dispatchRequest, so the client's requestMiddleware sees and may reroute it);
 *  2. PUT upload_url with the bytes and their Content-Type, through the client's `fetch` but NOT its
 *     middleware and without the key (upload_url is a signed URL) — any 2xx will do;
 *  3. the client returns file_url, which endpoints then download as image_url.
 * Files over 90 MB go through initiate-multipart instead; the emulator answers that one 404 (not emulated).
 * Here upload_url and file_url point back at the emulator: /_storage/upload/{token} and /files/{id}/{name}.
 */

/** The sandbox's cap on one upload (fal publishes none under the multipart threshold). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

interface Pending {
  id: string;
  name: string;
  contentType: string;
}

export class StorageEmulator {
  private readonly pending = new Map<string, Pending>();
  private readonly files: MediaStore;

  constructor(maxFiles: number) {
    this.files = new MediaStore(maxFiles);
  }

  /** The bytes at a file URL's path (`/files/{id}/{name}`), or undefined. */
  file(path: string): { body: Buffer; contentType: string } | undefined {
    const match = /^\/files\/([\w-]+)\/([^/]+)$/.exec(path);
    return match ? this.files.get(`${match[1]}/${match[2]}`) : undefined;
  }

  clear(): void {
    this.pending.clear();
    this.files.clear();
  }

  /** Answers the storage routes; false when the path is not one of them. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    baseUrl: string,
    authorized: (req: IncomingMessage) => boolean,
  ): Promise<boolean> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/storage/upload/initiate' && method === 'POST') {
      if (!authorized(req))
        sendJson(res, 401, { detail: 'Authentication is required to access this application.' });
      else await this.initiate(req, res, baseUrl);
      return true;
    }
    if (path.startsWith('/storage/upload/')) {
      sendJson(res, 404, { detail: 'Not Found' });
      return true;
    }
    const upload = /^\/_storage\/upload\/([\w-]+)$/.exec(path);
    if (upload && method === 'PUT') {
      await this.receive(req, res, upload[1] ?? '');
      return true;
    }
    if (path.startsWith('/files/') && (method === 'GET' || method === 'HEAD')) {
      const item = this.file(path);
      if (!item) sendJson(res, 404, { detail: 'Not Found' });
      else {
        res.writeHead(200, { 'content-type': item.contentType, 'content-length': item.body.length });
        res.end(method === 'HEAD' ? undefined : item.body);
      }
      return true;
    }
    return false;
  }

  private async initiate(req: IncomingMessage, res: ServerResponse, baseUrl: string): Promise<void> {
    const body = (await readJson(req).catch(() => undefined)) as
      | { content_type?: unknown; file_name?: unknown }
      | undefined;
    if (typeof body?.file_name !== 'string' || body.file_name === '')
      return sendJson(res, 422, {
        detail: [{ loc: ['body', 'file_name'], msg: 'Field required', type: 'missing' }],
      });
    const token = randomUUID();
    const id = randomUUID();
    // Only safe characters go into the URL path; the rest become "_".
    const name = body.file_name.replace(/[^\w.-]/g, '_').slice(-120) || 'file';
    const contentType =
      typeof body.content_type === 'string' ? body.content_type : 'application/octet-stream';
    this.pending.set(token, { id, name, contentType });
    sendJson(res, 200, {
      upload_url: `${baseUrl}/_storage/upload/${token}`,
      file_url: `${baseUrl}/files/${id}/${name}`,
    });
  }

  private async receive(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const pending = this.pending.get(token);
    if (!pending) return sendJson(res, 404, { detail: 'Upload not found or already used' });
    let body: Buffer;
    try {
      body = await readBody(req, MAX_UPLOAD_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { detail: 'File too large' });
      throw error;
    }
    this.pending.delete(token);
    const contentType = req.headers['content-type'] ?? pending.contentType;
    this.files.put(`${pending.id}/${pending.name}`, body, contentType);
    sendEmpty(res, 200);
  }
}
