import type { IdFactory, NowSource } from './ids.js';
import type { Json, SlackTeam } from './types.js';

interface PendingUpload {
  fileId: string;
  filename: string;
  declaredLength: number;
  altText?: string;
  bytes?: Buffer;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  bytes: Buffer;
  altText?: string;
  shares: Array<{ channel: string; ts: string; threadTs?: string }>;
}

export interface FileStoreDeps {
  ids: IdFactory;
  clock: NowSource;
  team: SlackTeam;
  baseUrl(): string;
  channelName(id: string): string;
}

/** The files v2 flow: reserve an upload URL, receive the bytes there, complete (and share). */
export class FileStore {
  #uploads = new Map<string, PendingUpload>();
  #files = new Map<string, StoredFile>();

  constructor(private readonly deps: FileStoreDeps) {}

  reset(): void {
    this.#uploads.clear();
    this.#files.clear();
  }

  reserve(filename: string, declaredLength: number, altText?: string): { uploadUrl: string; fileId: string } {
    const token = this.deps.ids.secret();
    const fileId = this.deps.ids.next('F');
    this.#uploads.set(token, { fileId, filename, declaredLength, ...(altText ? { altText } : {}) });
    return { uploadUrl: `${this.deps.baseUrl()}/upload/v1/${token}`, fileId };
  }

  /** Stores the bytes POSTed to an upload URL; false when the URL is unknown. */
  receive(token: string, bytes: Buffer): boolean {
    const upload = this.#uploads.get(token);
    if (!upload) return false;
    upload.bytes = bytes;
    return true;
  }

  complete(fileId: string, title: string | undefined, userId: string): StoredFile | { error: string } {
    const entry = [...this.#uploads.entries()].find(([, u]) => u.fileId === fileId);
    if (!entry)
      return this.#files.has(fileId) ? { error: 'file_already_completed' } : { error: 'file_not_found' };
    const [token, upload] = entry;
    if (!upload.bytes) return { error: 'file_upload_not_completed' };
    this.#uploads.delete(token);
    const { mimetype, filetype } = detectType(upload.bytes, upload.filename);
    const file: StoredFile = {
      id: fileId,
      name: upload.filename,
      title: title ?? upload.filename,
      mimetype,
      filetype,
      size: upload.bytes.length,
      user: userId,
      created: Math.floor(this.deps.clock.now() / 1000),
      bytes: upload.bytes,
      shares: [],
      ...(upload.altText ? { altText: upload.altText } : {}),
    };
    this.#files.set(fileId, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** files.delete: gone for everyone (its URLs answer 404); false when there is no such file. */
  remove(id: string): boolean {
    return this.#files.delete(id);
  }

  all(): StoredFile[] {
    return [...this.#files.values()];
  }

  toWire(file: StoredFile): Json {
    const { team, baseUrl, channelName } = this.deps;
    const privateUrl = `${baseUrl()}/files-pri/${team.id}-${file.id}/${encodeURIComponent(file.name)}`;
    const shares: Record<string, Json[]> = {};
    for (const share of file.shares) {
      const list = shares[share.channel] ?? [];
      list.push({
        ts: share.ts,
        channel_name: channelName(share.channel),
        team_id: team.id,
        share_user_id: file.user,
        ...(share.threadTs ? { thread_ts: share.threadTs } : {}),
      });
      shares[share.channel] = list;
    }
    const dims = pngSize(file.bytes);
    return {
      id: file.id,
      created: file.created,
      timestamp: file.created,
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      filetype: file.filetype,
      pretty_type: file.filetype.toUpperCase(),
      user: file.user,
      user_team: team.id,
      editable: false,
      size: file.size,
      mode: 'hosted',
      is_external: false,
      is_public: file.shares.length > 0,
      display_as_bot: false,
      url_private: privateUrl,
      url_private_download: `${privateUrl}?download=1`,
      permalink: `https://${team.domain}.slack.com/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
      channels: [...new Set(file.shares.map((s) => s.channel))],
      shares: file.shares.length ? { public: shares } : {},
      ...(file.altText ? { alt_txt: file.altText } : {}),
      ...(dims ? { original_w: dims.width, original_h: dims.height } : {}),
    };
  }
}

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  txt: 'text/plain',
  json: 'application/json',
};

/** Slack sniffs content; magic bytes first, then the extension. */
export function detectType(bytes: Buffer, filename: string): { mimetype: string; filetype: string } {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mimetype: 'image/png', filetype: 'png' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { mimetype: 'image/jpeg', filetype: 'jpg' };
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return { mimetype: 'image/webp', filetype: 'webp' };
  }
  const ext = filename.includes('.') ? (filename.split('.').pop() ?? '').toLowerCase() : '';
  const mimetype = BY_EXTENSION[ext];
  return mimetype
    ? { mimetype, filetype: ext === 'jpeg' ? 'jpg' : ext }
    : { mimetype: 'application/octet-stream', filetype: 'binary' };
}

function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
