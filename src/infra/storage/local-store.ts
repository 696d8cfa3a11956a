import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { StorageError } from '../../core/errors.js';
import type { ObjectStore, StoredObject } from '../../core/ports.js';
import {
  assertValidKey,
  assertValidMetadata,
  InvalidObjectError,
  joinPublicUrl,
  META_SUFFIX,
} from './object-key-rules.js';

export interface LocalStoreOptions {
  /** Folder holding the objects; created on demand. */
  dir: string;
  /** Objects are served by our HTTP server at `${publicBaseUrl}/media/<key>`. */
  publicBaseUrl: string;
}

interface Sidecar {
  contentType: string;
  metadata: Record<string, string>;
}

// Used only when a sidecar is missing (e.g. files copied in by hand).
const TYPES_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** An ObjectStore on the local file system: `<dir>/<key>` plus `<dir>/<key>.meta.json`. */
export function createLocalStore(options: LocalStoreOptions): ObjectStore {
  const root = resolve(options.dir);
  const mediaBase = `${options.publicBaseUrl.replace(/\/+$/, '')}/media`;

  const pathOf = (key: string): string => {
    assertValidKey(key);
    const path = join(root, ...key.split('/'));
    // Belt and braces: the key rules already make escaping the root impossible.
    if (!path.startsWith(root + sep))
      throw new InvalidObjectError(`invalid object key ${JSON.stringify(key)}`);
    return path;
  };

  return {
    driver: 'local',

    async put(key, body, meta): Promise<StoredObject> {
      const path = pathOf(key);
      const metadata = meta.metadata ?? {};
      assertValidMetadata(metadata);
      const sidecar: Sidecar = { contentType: meta.contentType, metadata };
      try {
        await mkdir(dirname(path), { recursive: true });
        // Sidecar first: once the object is visible its content type is already there.
        await writeAtomic(path + META_SUFFIX, Buffer.from(JSON.stringify(sidecar)));
        await writeAtomic(path, body);
      } catch (error) {
        throw new StorageError(`local put of ${key} failed`, { cause: error });
      }
      return { key, url: joinPublicUrl(mediaBase, key), size: body.length, contentType: meta.contentType };
    },

    async get(key) {
      const path = pathOf(key);
      let body: Buffer;
      try {
        body = await readFile(path);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw new StorageError(`local get of ${key} failed`, { cause: error });
      }
      const sidecar = await readSidecar(path + META_SUFFIX);
      const contentType =
        sidecar?.contentType ?? TYPES_BY_EXTENSION[extname(path).toLowerCase()] ?? 'application/octet-stream';
      return { body, contentType };
    },

    async delete(key) {
      const path = pathOf(key);
      try {
        await rm(path, { force: true });
        await rm(path + META_SUFFIX, { force: true });
      } catch (error) {
        throw new StorageError(`local delete of ${key} failed`, { cause: error });
      }
    },

    publicUrl: (key) => joinPublicUrl(mediaBase, key),

    async check() {
      const probe = join(root, `.check-${randomUUID()}`);
      try {
        await mkdir(root, { recursive: true });
        await writeAtomic(probe, Buffer.from('ok'));
        await unlink(probe);
      } catch (error) {
        throw new StorageError(`local storage folder ${root} is not writable`, { cause: error });
      }
    },
  };
}

/** Write to a hidden temp file in the same folder, flush, then rename: readers never see half a file. */
async function writeAtomic(path: string, data: Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

async function readSidecar(path: string): Promise<Sidecar | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as Sidecar).contentType === 'string'
    ) {
      return parsed as Sidecar;
    }
  } catch {
    // Missing or unreadable sidecar: fall back to the file extension.
  }
  return undefined;
}

// A key naming a folder, or passing through a file, is simply not an object.
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);
const isNotFound = (error: unknown): boolean =>
  NOT_FOUND_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
