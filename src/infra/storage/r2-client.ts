import { S3Client } from '@aws-sdk/client-s3';

export interface R2ClientOptions {
  /** S3 API endpoint of R2 (or any S3-compatible server). */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Milliseconds to establish a connection; default 5 000. */
  connectionTimeoutMs?: number;
  /** Milliseconds a request may stay idle on its socket; default 30 000. */
  requestTimeoutMs?: number;
  /** Attempts per call, including the first; default 3. */
  maxAttempts?: number;
}

/**
 * An S3 client set up for R2 and S3-compatible servers. Checksums only WHEN_REQUIRED: with the SDK's
 * default, streamed uploads are sent aws-chunked and R2/s3rver store the framing inside the object.
 */
export function createR2Client(options: R2ClientOptions): S3Client {
  return new S3Client({
    endpoint: options.endpoint,
    region: 'auto',
    forcePathStyle: true,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
    },
  });
}
