import { StorageError } from '../core/errors.js';
import type { ObjectStore } from '../core/ports.js';
import { sendJson, type WebServer } from './server.js';

/**
 * The public port's /healthz: the process is alive and its HTTP server answers. No I/O, so it costs
 * nothing to ask; /readyz (every dependency) and /metrics live on the ops listener (ops-routes.ts).
 */
export function registerHealthRoutes(web: WebServer) {
  web.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
}

/** Image types /media serves as themselves; anything else (e.g. an SVG stored before types were checked) is a download. */
const SERVED_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Serves the local store at /media/… (R2 serves itself from PUBLIC_MEDIA_URL). /media shares its origin
 * with /admin and /gallery, so whatever a stored file holds must never run as a page there: the CSP
 * sandbox forbids script and same-origin access, nosniff stops browsers guessing a type.
 */
export function registerMediaRoute(web: WebServer, store: ObjectStore) {
  web.route('GET', '/media/', async (_req, res, url) => {
    let key: string;
    try {
      key = decodeURIComponent(url.pathname.slice('/media/'.length));
    } catch {
      res.writeHead(400).end('Bad path');
      return;
    }
    let object: Awaited<ReturnType<ObjectStore['get']>>;
    try {
      object = await store.get(key);
    } catch (error) {
      // A key that can never be valid is a 404; a store that cannot answer is a 503 worth retrying.
      if (error instanceof StorageError) {
        res
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' })
          .end('Storage unavailable');
        return;
      }
      object = null;
    }
    if (!object) {
      // Deleted images land here too: their files left storage, only the record (a tombstone) stays.
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end('Image not found. It may have been deleted.');
      return;
    }
    const served = SERVED_TYPES.has(object.contentType);
    res.writeHead(200, {
      'content-type': served ? object.contentType : 'application/octet-stream',
      ...(served ? {} : { 'content-disposition': 'attachment' }),
      'content-length': object.body.length,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    });
    res.end(object.body);
  });
}
