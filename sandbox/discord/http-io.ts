import type { IncomingMessage } from 'node:http';

/** An error answered the way Discord answers it: `{ message, code }` (+ `errors` for form errors). */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
    this.name = 'DiscordApiError';
  }

  toJSON(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const apiErrors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  unknownApplication: () => new DiscordApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordApiError(404, 10004, 'Unknown Guild'),
  unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
  unknownMember: () => new DiscordApiError(404, 10007, 'Unknown Member'),
  unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
  unknownEmoji: () => new DiscordApiError(400, 10014, 'Unknown Emoji'),
  unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, 'Invalid Webhook Token'),
  emptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  cannotEditOthers: () => new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user'),
  // opcodes-and-status-codes.mdx, JSON error codes: 50001 Missing access, 50013 lack of permissions.
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  // opcodes-and-status-codes.mdx: 50083 "Tried to perform an operation on an archived thread, such as
  // editing a message or adding a user to the thread".
  threadArchived: () => new DiscordApiError(400, 50083, 'Thread is archived'),
  threadExists: () => new DiscordApiError(400, 160004, 'A thread has already been created for this message'),
  tooLarge: () => new DiscordApiError(413, 40005, 'Request entity too large'),
  invalidForm: (errors: unknown) => new DiscordApiError(400, 50035, 'Invalid Form Body', errors),
};

export interface UploadedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  /** The n of `files[n]` (what payload_json's `attachments[].id` refers to), or null. */
  index: number | null;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
}

/** Discord accepts up to 25 MiB per request for unboosted guilds (and more with boosts); we cap there. */
const MAX_BODY = 25 * 1024 * 1024;

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw apiErrors.tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** JSON or multipart/form-data (`payload_json` + `files[n]`), as @discordjs/rest sends them. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  try {
    return { json: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  } catch {
    throw new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  // The platform's fetch Request already parses multipart bodies; no need for a parser of our own.
  const form = await new Request('http://emulator/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const files: UploadedFile[] = [];
  let json: unknown;
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') json = JSON.parse(value) as unknown;
      continue;
    }
    const index = /^files\[(\d+)\]$/.exec(field)?.[1];
    files.push({
      field,
      index: index === undefined ? null : Number(index),
      filename: value.name || 'file',
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { json, files };
}

export { sendEmpty, sendJson } from '../../src/web/http-io.js';
