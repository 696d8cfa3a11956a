import type { webApi } from '@slack/bolt';
import type { MediaStore } from '../../core/ports.js';
import type { Generation } from '../../core/types.js';
import { slackShowable } from './blocks/media-image.js';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };
/** Slack's limits on a file's title and on its alt text (files.getUploadURLExternal: alt_txt_too_large). */
const MAX_TITLE = 250;
const MAX_ALT = 1000;
const UPLOAD_TIMEOUT_MS = 60_000;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * Uploads a finished image to Slack without sharing it anywhere; the job's card shows it through an image
 * block's `slack_file`. Used when Slack could not fetch our storage's URL (a private or localhost base URL,
 * or a download Slack refused). The object uploaded is the one Slack can show (PNG, JPEG or GIF: the
 * result, or its JPEG thumbnail when the result is WebP; see slackShowable).
 *
 * The files v2 flow done by hand (files.getUploadURLExternal → POST the bytes → files.completeUploadExternal)
 * because the alt text argument is `alt_txt` (https://docs.slack.dev/reference/methods/files.getUploadURLExternal)
 * while @slack/web-api 8.2's filesUploadV2 sends `alt_text`, which Slack ignores. Slack processes the file
 * after this resolves: its id may be refused for about a second (see card-update.ts).
 */
export async function uploadImage(
  client: webApi.WebClient,
  store: MediaStore,
  generation: Generation,
  title: string,
): Promise<string> {
  const shown = slackShowable(generation, false);
  if (!shown) throw new Error(`generation ${generation.id} has no stored image Slack can show`);
  const object = await store.get(shown.key);
  if (!object) throw new Error(`stored image ${shown.key} is missing`);
  const extension = EXTENSIONS[object.contentType] ?? 'png';
  const reserved = await client.apiCall('files.getUploadURLExternal', {
    filename: `atelier-${generation.id.slice(0, 8)}.${extension}`,
    length: object.body.length,
    alt_txt: title.slice(0, MAX_ALT),
  });
  const { upload_url, file_id } = reserved as { upload_url?: unknown; file_id?: unknown };
  const uploadUrl = text(upload_url);
  const fileId = text(file_id);
  if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal returned no upload URL');
  // "Files can be sent as raw bytes or can be multipart form encoded" (the same page).
  const res = await fetch(uploadUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(object.body),
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`uploading the image to Slack failed: HTTP ${res.status}`);
  const completed = await client.files.completeUploadExternal({
    files: [{ id: fileId, title: title.slice(0, MAX_TITLE) }],
  });
  const id = completed.files?.[0]?.id;
  if (!id) throw new Error('files.completeUploadExternal returned no file id');
  return id;
}
