import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../../src/core/errors.js';
import type { ObjectStore } from '../../../src/core/ports.js';
import { createLocalStore } from '../../../src/infra/storage/local-store.js';
import { InvalidObjectError } from '../../../src/infra/storage/object-key-rules.js';

/** Every file under dir, relative, with hidden ones included. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('local store', () => {
  let base: string;
  let dir: string;
  let store: ObjectStore;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'atelier-local-store-'));
    dir = join(base, 'media');
    store = createLocalStore({ dir, publicBaseUrl: 'http://localhost:3000/' });
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('round-trips bytes and content type, creating folders', async () => {
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const stored = await store.put('images/2026/11/abc.png', body, { contentType: 'image/png' });
    expect(stored).toEqual({
      key: 'images/2026/11/abc.png',
      url: 'http://localhost:3000/media/images/2026/11/abc.png',
      size: body.length,
      contentType: 'image/png',
    });
    expect(await readFile(join(dir, 'images/2026/11/abc.png'))).toEqual(body);
    const got = await store.get('images/2026/11/abc.png');
    expect(got?.body.equals(body)).toBe(true);
    expect(got?.contentType).toBe('image/png');
  });

  it('keeps the content type given at put, not the one the extension suggests', async () => {
    await store.put('odd/thing.png', Buffer.from('RIFF'), { contentType: 'image/webp' });
    expect((await store.get('odd/thing.png'))?.contentType).toBe('image/webp');
  });

  it('saves metadata in a sidecar and leaves no temp files behind', async () => {
    await store.put('thumbs/t.webp', Buffer.from('w'), {
      contentType: 'image/webp',
      metadata: { 'generation-id': 'gen_1' },
    });
    const sidecar = JSON.parse(await readFile(join(dir, 'thumbs/t.webp.meta.json'), 'utf8'));
    expect(sidecar).toEqual({ contentType: 'image/webp', metadata: { 'generation-id': 'gen_1' } });
    const files = await listFiles(join(dir, 'thumbs'));
    expect(files).toEqual(['t.webp', 't.webp.meta.json']);
  });

  it('overwrites an existing key completely', async () => {
    await store.put('images/over.png', Buffer.alloc(4096, 1), { contentType: 'image/png' });
    await store.put('images/over.png', Buffer.from('short'), { contentType: 'image/jpeg' });
    const got = await store.get('images/over.png');
    expect(got?.body.toString()).toBe('short');
    expect(got?.contentType).toBe('image/jpeg');
  });

  it('guesses the content type from the extension when the sidecar is missing', async () => {
    await store.put('images/nosidecar.jpeg', Buffer.from('j'), { contentType: 'image/jpeg' });
    await unlink(join(dir, 'images/nosidecar.jpeg.meta.json'));
    expect((await store.get('images/nosidecar.jpeg'))?.contentType).toBe('image/jpeg');
  });

  it('returns null for missing keys, including folders', async () => {
    expect(await store.get('images/missing.png')).toBeNull();
    expect(await store.get('images/2026')).toBeNull();
  });

  it('deletes the object and its sidecar; deleting a missing key is fine', async () => {
    await store.put('images/del.png', Buffer.from('d'), { contentType: 'image/png' });
    await store.delete('images/del.png');
    expect(await store.get('images/del.png')).toBeNull();
    expect((await listFiles(join(dir, 'images'))).filter((f) => f.startsWith('del'))).toEqual([]);
    await expect(store.delete('images/del.png')).resolves.toBeUndefined();
    await expect(store.delete('never/was.png')).resolves.toBeUndefined();
  });

  it.each([
    ['../escape.png'],
    ['images/../../escape.png'],
    ['/etc/passwd'],
    ['images\\evil.png'],
    ['images/nul\u0000.png'],
    ['images//double.png'],
    ['images/.hidden'],
    ['images/x.png.meta.json'],
    ['C:/windows.png'],
    [''],
  ])('rejects the unsafe key %j everywhere, without retryable StorageError', async (key) => {
    await expect(store.put(key, Buffer.from('x'), { contentType: 'image/png' })).rejects.toThrow(
      InvalidObjectError,
    );
    await expect(store.get(key)).rejects.toThrow(InvalidObjectError);
    await expect(store.delete(key)).rejects.toThrow(InvalidObjectError);
    expect(() => store.publicUrl(key)).toThrow(InvalidObjectError);
    expect(await listFiles(base)).not.toContain('escape.png');
  });

  it('rejects metadata that could not travel as S3 headers', async () => {
    const put = (metadata: Record<string, string>) =>
      store.put('images/m.png', Buffer.from('m'), { contentType: 'image/png', metadata });
    await expect(put({ Prompt: 'x' })).rejects.toThrow(InvalidObjectError);
    await expect(put({ Prompt: 'x' })).rejects.toThrow(/metadata name/);
    await expect(put({ prompt: 'line\nbreak' })).rejects.toThrow(/printable ASCII/);
    await expect(put({ prompt: 'x'.repeat(3000) })).rejects.toThrow(/larger than/);
  });

  it('builds public URLs under /media with encoded segments and no double slashes', () => {
    expect(store.publicUrl('images/2026/11/a b#c?.png')).toBe(
      'http://localhost:3000/media/images/2026/11/a%20b%23c%3F.png',
    );
    const bare = createLocalStore({ dir, publicBaseUrl: 'https://bot.example.com' });
    expect(bare.publicUrl('thumbs/x.webp')).toBe('https://bot.example.com/media/thumbs/x.webp');
  });

  it('check() passes on a writable folder and creates it when missing', async () => {
    const fresh = createLocalStore({ dir: join(base, 'fresh', 'nested'), publicBaseUrl: 'http://x' });
    await expect(fresh.check()).resolves.toBeUndefined();
    expect(await listFiles(join(base, 'fresh'))).toEqual([]);
  });

  it('check() and put() fail with StorageError when the folder cannot be written', async () => {
    // A folder "inside" a regular file cannot be created, even by root (chmod would not stop root).
    const file = join(base, 'not-a-folder');
    await writeFile(file, 'x');
    const broken = createLocalStore({ dir: join(file, 'media'), publicBaseUrl: 'http://x' });
    const error = await broken.check().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).cause).toMatchObject({ code: 'ENOTDIR' });
    await expect(broken.put('a.png', Buffer.from('a'), { contentType: 'image/png' })).rejects.toThrow(
      StorageError,
    );
  });
});
