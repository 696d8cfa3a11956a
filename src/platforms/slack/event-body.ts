import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { BodyTooLargeError, readBody, sendText } from '../../web/http-io.js';

/** Bolt's HTTPReceiver default (HTTPModuleFunctions.defaultBodyLimit): 4 MB. */
const BODY_LIMIT = 4 * 1024 * 1024;

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether Bolt's HTTPReceiver will parse this body into an object. Its parse (HTTPModuleFunctions
 * parseHTTPRequestBody in @slack/bolt 5.1) is repeated rule for rule: a form body when the content type
 * is exactly application/x-www-form-urlencoded (its `payload` field JSON when present), JSON otherwise.
 * It then reads `body.ssl_check` outside any try, in a promise nobody handles: a signed `null` (or a
 * form `payload=null`) ended the process.
 */
export function parsesToObject(raw: Buffer, contentType: string | undefined): boolean {
  try {
    const text = raw.toString();
    if (contentType === 'application/x-www-form-urlencoded') {
      const { payload } = parse(text);
      return typeof payload === 'string' ? isObject(JSON.parse(payload)) : true;
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * Reads the body before Bolt does and answers 400 (413 past Bolt's limit) when it is not an object; else
 * hands Bolt the request with the bytes attached as `rawBody`, which Bolt's bufferIncomingMessage takes
 * instead of reading the stream again, so its signature check sees exactly the bytes that came.
 */
export async function withObjectBody(
  req: IncomingMessage,
  res: ServerResponse,
  next: (req: IncomingMessage & { rawBody: Buffer }) => void,
): Promise<void> {
  let raw: Buffer;
  try {
    raw = await readBody(req, BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendText(res, 413, 'Request body too large', { connection: 'close' });
    return;
  }
  if (!parsesToObject(raw, req.headers['content-type'])) {
    sendText(res, 400, 'Expected a JSON object or a form body');
    return;
  }
  next(Object.assign(req, { rawBody: raw }));
}
