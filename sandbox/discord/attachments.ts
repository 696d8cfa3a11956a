import type { APIAttachment, APIEmbed, EmbedType } from 'discord.js';
import type { UploadedFile } from './http-io.js';
import type { MessageInput } from './message-body.js';
import type { EmulatorState } from './state.js';

/** Width and height of a PNG or JPEG, so image attachments look like Discord's (which reports them). */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

export function attachmentUrl(baseUrl: string, channelId: string, id: string, filename: string): string {
  return `${baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
}

/**
 * The attachments a message ends up with: existing ones the body keeps (all of them when the body
 * has no `attachments` list) plus every uploaded file, described by the `attachments` entry whose
 * id is the file's `files[n]` index. Upload bytes are stored so the emulator can serve them.
 */
export function resolveAttachments(
  state: EmulatorState,
  baseUrl: string,
  channelId: string,
  existing: readonly APIAttachment[],
  input: MessageInput,
  files: readonly UploadedFile[],
): APIAttachment[] {
  const listed = input.attachments;
  const keepIds = listed ? new Set(listed.map((a) => String(a.id))) : undefined;
  const kept = existing.filter((a) => !keepIds || keepIds.has(a.id));
  const added = files.map((file, position) => {
    const described = listed?.find((a) => String(a.id) === String(file.index ?? position));
    const filename = described?.filename ?? file.filename;
    const id = state.nextId();
    state.blobs.set(id, { bytes: file.bytes, contentType: file.contentType, filename });
    const url = attachmentUrl(baseUrl, channelId, id, filename);
    const size = imageSize(file.bytes);
    const attachment: APIAttachment = {
      id,
      filename,
      size: file.bytes.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
      ...(described?.description ? { description: described.description } : {}),
      ...(size ? { width: size.width, height: size.height } : {}),
    };
    return attachment;
  });
  return [...kept, ...added];
}

/** `attachment://name.png` in an embed's image or thumbnail points at that attachment, as in Discord. */
export function resolveEmbedAttachments(
  embeds: readonly APIEmbed[],
  attachments: readonly APIAttachment[],
): APIEmbed[] {
  const resolve = <T extends { url: string }>(media: T | undefined): T | undefined => {
    if (!media?.url.startsWith('attachment://')) return media;
    const hit = attachments.find((a) => a.filename === media.url.slice('attachment://'.length));
    if (!hit) return media;
    return {
      ...media,
      url: hit.url,
      proxy_url: hit.proxy_url,
      width: hit.width ?? 0,
      height: hit.height ?? 0,
    };
  };
  return embeds.map((embed) => {
    const image = resolve(embed.image);
    const thumbnail = resolve(embed.thumbnail);
    return {
      type: embed.type ?? ('rich' as EmbedType),
      ...embed,
      ...(image ? { image } : {}),
      ...(thumbnail ? { thumbnail } : {}),
    };
  });
}
