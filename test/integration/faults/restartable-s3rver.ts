import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createR2Client } from '../../../src/infra/storage/r2-client.js';

/** s3rver checks signatures against these fixed credentials. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface RestartableS3rver {
  endpoint: string;
  bucket: string;
  /** Takes the server down (connections refused), keeping its folder. */
  stop(): Promise<void>;
  /** Brings it back on the same port and folder: what was stored before is still there. */
  start(): Promise<void>;
  /** Every key in the bucket. */
  keys(): Promise<string[]>;
  /** The environment that points STORAGE_DRIVER=r2 at it. */
  env(): Record<string, string>;
  dispose(): Promise<void>;
}

/** An s3rver on 127.0.0.1 that can be stopped and started again on the same port and folder. */
export async function startRestartableS3rver(bucket: string): Promise<RestartableS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'atelier-faults-s3-'));
  let port = 0;
  let server: S3rver | undefined;
  const start = async () => {
    const instance = new S3rver({
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    port = (await instance.run()).port;
    server = instance;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    const http = (running as unknown as { httpServer?: Server }).httpServer;
    const closed = running.close();
    // Refuse at once, as a crashed server would, instead of waiting for keep-alive sockets.
    http?.closeAllConnections();
    await closed;
  };
  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createR2Client({ endpoint, ...S3RVER_KEYS });
  return {
    endpoint,
    bucket,
    stop,
    start,
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
    },
    env: () => ({
      STORAGE_DRIVER: 'r2',
      R2_ENDPOINT: endpoint,
      R2_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
      R2_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
      R2_BUCKET: bucket,
      PUBLIC_MEDIA_URL: 'https://media.example.test',
    }),
    async dispose() {
      client.destroy();
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
