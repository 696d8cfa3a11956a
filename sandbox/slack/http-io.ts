import type { IncomingMessage } from 'node:http';
import { readBody as readBodyWithLimit } from '../../src/web/http-io.js';

/** Uploads go through the same reader; Slack's own cap is far larger, the sandbox's images are small. */
const MAX_BODY = 50 * 1024 * 1024;

export const readBody = (req: IncomingMessage, limit = MAX_BODY) => readBodyWithLimit(req, limit);
export { readJson, sendJson, sendText } from '../../src/web/http-io.js';

/** Content type without parameters, lower case. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
