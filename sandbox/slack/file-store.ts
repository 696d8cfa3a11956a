import type { IdFactory, NowSource } from './ids.js';
import { sniffImage } from './image-sniff.js';
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
  /** False until Slack's upload job has processed the file (see FileStore.complete). */
  processed: boolean;
}

export interface FileStoreDeps {
  ids: IdFactory;
  clock: NowSource;
  team: SlackTeam;
  baseUrl(): string;
  channelName(id: string): string;
  /** The fileProcessingMs knob. */
  processingMs(): number;
}

/** The files v2 flow: reserve an upload URL, receive the bytes there, complete (and share). */
export class FileStore {
  #uploads = new Map<string, PendingUpload>();
  #files = new Map<string, StoredFile>();
  #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: FileStoreDeps) {}

  reset(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
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

  /**
   * files.completeUploadExternal. Slack processes uploads asynchronously ("Files are processed
   * asynchronously via a job handler": https://docs.slack.dev/reference/methods/files.getUploadURLExternal;
   * https://docs.slack.dev/reference/methods/files.completeUploadExternal): the answer comes at once, but
   * the file id is refused in an image block for about a second (python-slack-sdk#1521,
   * slackapi/slack-github-action#413) and its share message appears later (python-slack-sdk#1277,
   * node-slack-sdk#2260). `then` runs once the file is processed, after the fileProcessingMs knob.
   */
  complete(
    fileId: string,
    title: string | undefined,
    userId: string,
    then?: (file: StoredFile) => void,
  ): StoredFile | { error: string } {
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
      processed: false,
      ...(upload.altText ? { altText: upload.altText } : {}),
    };
    this.#files.set(fileId, file);
    const processed = () => {
      // A file deleted (or a workspace reset) meanwhile is not brought back.
      if (this.#files.get(fileId) !== file) return;
      file.processed = true;
      then?.(file);
    };
    const delay = this.deps.processingMs();
    if (delay === 0) processed();
    else {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        processed();
      }, delay);
      timer.unref();
      this.#timers.add(timer);
    }
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
  const sniffed = sniffImage(bytes);
  if (sniffed) return { mimetype: `image/${sniffed}`, filetype: sniffed === 'jpeg' ? 'jpg' : sniffed };
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
