import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../../src/core/errors.js';
import type { ObjectStore } from '../../../src/core/ports.js';
import { InvalidObjectError } from '../../../src/infra/storage/object-key-rules.js';
import { createR2Client } from '../../../src/infra/storage/r2-client.js';
import { createR2Store } from '../../../src/infra/storage/r2-store.js';
import { type RunningS3rver, S3RVER_CREDENTIALS, startS3rver } from './s3rver-harness.js';

const BUCKET = 'atelier-test';
const PUBLIC_URL = 'https://media.example.test/';

/** A PNG of random pixels: large, incompressible, and any framing bytes inside it would show. */
async function noisePng(width = 160, height = 120): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

describe('R2 store against s3rver', () => {
  let s3: RunningS3rver;
  let store: ObjectStore;

  beforeAll(async () => {
    s3 = await startS3rver(BUCKET);
    store = createR2Store({
      endpoint: s3.endpoint,
      ...S3RVER_CREDENTIALS,
      bucket: BUCKET,
      publicUrl: PUBLIC_URL,
    });
  });
  afterAll(async () => {
    await s3?.dispose();
  });

  it('reads back exactly the PNG bytes it stored, with content type and public URL', async () => {
    const png = await noisePng();
    const stored = await store.put('images/2026/11/a b.png', png, { contentType: 'image/png' });
    expect(stored).toEqual({
      key: 'images/2026/11/a b.png',
      url: 'https://media.example.test/images/2026/11/a%20b.png',
      size: png.length,
      contentType: 'image/png',
    });
    const got = await store.get('images/2026/11/a b.png');
    expect(got?.contentType).toBe('image/png');
    expect(got?.body.equals(png)).toBe(true);
    expect((await sharp(got!.body).metadata()).width).toBe(160);
  });

  it('stores metadata and an immutable cache policy on the object', async () => {
    await store.put('images/meta.png', await noisePng(8, 8), {
      contentType: 'image/png',
      metadata: { 'generation-id': 'gen_123', model: 'fal-ai/flux/schnell' },
    });
    const client = createR2Client({ endpoint: s3.endpoint, ...S3RVER_CREDENTIALS });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'images/meta.png' }));
    client.destroy();
    expect(head.Metadata).toEqual({ 'generation-id': 'gen_123', model: 'fal-ai/flux/schnell' });
    expect(head.CacheControl).toBe('public, max-age=31536000, immutable');
    expect(head.ContentType).toBe('image/png');
  });

  it('returns null for a missing key', async () => {
    expect(await store.get('images/never-written.png')).toBeNull();
  });

  it('deletes objects, and deleting a missing key is not an error', async () => {
    await store.put('thumbs/gone.webp', Buffer.from('x'), { contentType: 'image/webp' });
    expect(await store.get('thumbs/gone.webp')).not.toBeNull();
    await store.delete('thumbs/gone.webp');
    expect(await store.get('thumbs/gone.webp')).toBeNull();
    await expect(store.delete('thumbs/gone.webp')).resolves.toBeUndefined();
  });

  it('rejects unsafe keys and metadata before calling the server', async () => {
    const bad = store.put('../escape.png', Buffer.from('x'), { contentType: 'image/png' });
    await expect(bad).rejects.toThrow(InvalidObjectError);
    await expect(bad).rejects.not.toThrow(StorageError);
    await expect(
      store.put('ok.png', Buffer.from('x'), { contentType: 'image/png', metadata: { prompt: 'café' } }),
    ).rejects.toThrow(/printable ASCII/);
    expect(await store.get('ok.png')).toBeNull();
  });

  it('check() passes when the bucket exists and fails with StorageError when it does not', async () => {
    await expect(store.check()).resolves.toBeUndefined();
    const wrong = createR2Store({
      endpoint: s3.endpoint,
      ...S3RVER_CREDENTIALS,
      bucket: 'nope',
      publicUrl: PUBLIC_URL,
    });
    await expect(wrong.check()).rejects.toThrow(StorageError);
    // A missing bucket is a misconfiguration, not a missing object.
    await expect(wrong.get('images/x.png')).rejects.toThrow(StorageError);
  });

  it('the client stores streamed uploads without aws-chunked framing (checksums WHEN_REQUIRED)', async () => {
    const png = await noisePng(64, 64);
    const client = createR2Client({ endpoint: s3.endpoint, ...S3RVER_CREDENTIALS });
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'streamed.png',
          Body: Readable.from([png]),
          ContentLength: png.length,
        }),
      );
      const res = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.png' }));
      const body = Buffer.from(await res.Body!.transformToByteArray());
      expect(body.length).toBe(png.length);
      expect(body.equals(png)).toBe(true);
    } finally {
      client.destroy();
    }
  });
});

describe('R2 store when the server is gone', () => {
  it('check() fails with StorageError keeping the network cause', async () => {
    const s3 = await startS3rver(BUCKET);
    const store = createR2Store({
      endpoint: s3.endpoint,
      ...S3RVER_CREDENTIALS,
      bucket: BUCKET,
      publicUrl: PUBLIC_URL,
      connectionTimeoutMs: 500,
      requestTimeoutMs: 1_000,
      maxAttempts: 1,
    });
    try {
      await store.check();
    } finally {
      await s3.dispose();
    }
    const error = await store.check().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toMatch(/not reachable/);
    expect((error as StorageError).cause).toBeInstanceOf(Error);
    await expect(store.get('images/x.png')).rejects.toThrow(StorageError);
  });
});
