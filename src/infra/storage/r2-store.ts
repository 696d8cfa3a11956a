import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StorageError } from '../../core/errors.js';
import type { ObjectStore, StoredObject } from '../../core/ports.js';
import { assertValidKey, assertValidMetadata, joinPublicUrl } from './object-key-rules.js';
import { createR2Client, type R2ClientOptions } from './r2-client.js';

export interface R2StoreOptions extends R2ClientOptions {
  bucket: string;
  /** Public base URL of the bucket (custom domain or r2.dev); objects are at `${publicUrl}/<key>`. */
  publicUrl: string;
}

// Keys are UUID-based and never rewritten, so clients and CDNs may cache forever.
const CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** An ObjectStore on Cloudflare R2 (or any S3-compatible server) through the S3 API. */
export function createR2Store(options: R2StoreOptions): ObjectStore {
  const client: S3Client = createR2Client(options);
  const { bucket } = options;

  return {
    driver: 'r2',

    async put(key, body, meta): Promise<StoredObject> {
      assertValidKey(key);
      const metadata = meta.metadata ?? {};
      assertValidMetadata(metadata);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentLength: body.length,
            ContentType: meta.contentType,
            Metadata: metadata,
            CacheControl: CACHE_CONTROL,
          }),
        );
      } catch (error) {
        throw new StorageError(`R2 put of ${key} failed: ${describe(error)}`, { cause: error });
      }
      return {
        key,
        url: joinPublicUrl(options.publicUrl, key),
        size: body.length,
        contentType: meta.contentType,
      };
    },

    async get(key) {
      assertValidKey(key);
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!response.Body) throw new Error('response has no body');
        const bytes = await response.Body.transformToByteArray();
        return {
          body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          contentType: response.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (isMissingKey(error)) return null;
        throw new StorageError(`R2 get of ${key} failed: ${describe(error)}`, { cause: error });
      }
    },

    async delete(key) {
      assertValidKey(key);
      try {
        // S3 answers 204 for missing keys too, so delete is idempotent.
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        throw new StorageError(`R2 delete of ${key} failed: ${describe(error)}`, { cause: error });
      }
    },

    publicUrl: (key) => joinPublicUrl(options.publicUrl, key),

    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw new StorageError(`R2 bucket ${bucket} is not reachable: ${describe(error)}`, { cause: error });
      }
    },
  };
}

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

// A missing bucket is also a 404, but that is a misconfiguration, not a missing object.
function isMissingKey(error: unknown): boolean {
  const e = error as SdkError | undefined;
  if (e?.name === 'NoSuchKey') return true;
  return e?.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket';
}

/** A short, secret-free description: SDK error name, HTTP status or socket error code. */
function describe(error: unknown): string {
  const e = error as SdkError | undefined;
  const status = e?.$metadata?.httpStatusCode;
  const parts = [e?.name, e?.code, status ? `HTTP ${status}` : undefined].filter(Boolean);
  return parts.length > 0 ? [...new Set(parts)].join(', ') : 'unknown error';
}
