/**
 * A key or metadata the stores refuse. Deliberately not a StorageError: callers retry StorageErrors,
 * and retrying a bad key can never help.
 */
export class InvalidObjectError extends Error {
  override readonly name = 'InvalidObjectError';
}

/** Suffix of the local store's sidecar files; keys may not end with it so they never collide. */
export const META_SUFFIX = '.meta.json';

const MAX_KEY_BYTES = 1024;
// S3 (and so R2) caps user metadata at 2 KB of keys plus values.
const MAX_METADATA_BYTES = 2048;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const METADATA_KEY = /^[a-z0-9][a-z0-9_-]*$/;
// Metadata travels as HTTP headers: printable ASCII only.
const METADATA_VALUE = /^[\u0020-\u007e]*$/;

/**
 * Throws an InvalidObjectError unless `key` is a safe relative object key. Both stores apply the same rules so
 * a key that works locally also works on R2 (and none can escape the local folder).
 */
export function assertValidKey(key: string): void {
  const reason = keyProblem(key);
  if (reason) throw new InvalidObjectError(`invalid object key ${JSON.stringify(key)}: ${reason}`);
}

function keyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return `longer than ${MAX_KEY_BYTES} bytes`;
  if (CONTROL_CHARS.test(key)) return 'contains a control character';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(key)) return 'starts with a drive letter';
  if (key.endsWith(META_SUFFIX)) return `ends with ${META_SUFFIX}`;
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty path segment';
    // Covers "." and ".." and keeps the local store's hidden temp files out of reach.
    if (segment.startsWith('.')) return 'a path segment starts with "."';
  }
  return undefined;
}

/** Throws an InvalidObjectError unless the metadata can be sent as S3 user metadata headers. */
export function assertValidMetadata(metadata: Record<string, string>): void {
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(name)) {
      throw new InvalidObjectError(
        `invalid metadata name ${JSON.stringify(name)}: use lowercase a-z, 0-9, - and _`,
      );
    }
    if (typeof value !== 'string' || !METADATA_VALUE.test(value)) {
      throw new InvalidObjectError(`invalid metadata value for "${name}": printable ASCII only`);
    }
    bytes += name.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES)
    throw new InvalidObjectError(`metadata larger than ${MAX_METADATA_BYTES} bytes`);
}

/** `${base}/${key}` with each key segment URL-encoded and no doubled slash. */
export function joinPublicUrl(base: string, key: string): string {
  assertValidKey(key);
  const encoded = key.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/${encoded}`;
}
