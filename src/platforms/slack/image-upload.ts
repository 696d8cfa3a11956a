import type { webApi } from '@slack/bolt';
import type { ObjectStore } from '../../core/ports.js';
import type { Generation } from '../../core/types.js';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * Uploads a finished image to Slack (files v2: getUploadURLExternal → POST the bytes →
 * completeUploadExternal) without sharing it anywhere; the job's card shows it through an image block's
 * `slack_file`. Used when Slack could not fetch our storage's URL (a private or localhost base URL).
 */
export async function uploadImage(
  client: webApi.WebClient,
  store: ObjectStore,
  generation: Generation,
  title: string,
): Promise<string> {
  if (!generation.imageKey) throw new Error(`generation ${generation.id} has no stored image`);
  const object = await store.get(generation.imageKey);
  if (!object) throw new Error(`stored image ${generation.imageKey} is missing`);
  const extension = EXTENSIONS[object.contentType] ?? 'png';
  const result = await client.filesUploadV2({
    file: object.body,
    filename: `atelier-${generation.id.slice(0, 8)}.${extension}`,
    title: title.slice(0, 250),
    alt_text: title.slice(0, 1000),
  });
  const fileId = result.files[0]?.files?.[0]?.id;
  if (!fileId) throw new Error('files.completeUploadExternal returned no file id');
  return fileId;
}
