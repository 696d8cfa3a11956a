import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectStore } from '../../../src/infra/storage/create-store.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { type RunningS3rver, S3RVER_CREDENTIALS, startS3rver } from './s3rver-harness.js';

const BUCKET = 'atelier-lazy';
const run = promisify(execFile);

/**
 * A fresh Node process (this one may have the SDK loaded already) makes stores and reports, after each
 * step, whether @aws-sdk/client-s3 is loaded (its CommonJS build lands in require's cache).
 */
const PROBE = `
import { createRequire } from 'node:module';
const { createObjectStore } = await import(${JSON.stringify(resolve(PROJECT_ROOT, 'src/infra/storage/create-store.ts'))});
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((k) => k.includes('@aws-sdk/client-s3'));
const steps = {};
createObjectStore({ driver: 'local', dir: '/tmp/atelier-unused', publicBaseUrl: 'http://127.0.0.1:1' });
steps.local = loaded();
const r2 = createObjectStore({ driver: 'r2', endpoint: 'http://127.0.0.1:1', accessKeyId: 'a', secretAccessKey: 'b',
  bucket: 'b', publicUrl: 'https://media.example.test', maxAttempts: 1, connectionTimeoutMs: 200 });
steps.r2Created = loaded();
steps.url = r2.publicUrl('images/x.png');
await r2.check().catch(() => {});
steps.r2Used = loaded();
process.stdout.write(JSON.stringify(steps));
`;

describe('createObjectStore', () => {
  let s3: RunningS3rver;

  beforeAll(async () => {
    s3 = await startS3rver(BUCKET);
  });
  afterAll(async () => {
    await s3?.dispose();
  });

  it('loads the AWS SDK only when an R2 store is first used, never for local storage', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', PROBE],
      { cwd: PROJECT_ROOT, timeout: 20_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      local: false,
      r2Created: false,
      url: 'https://media.example.test/images/x.png',
      r2Used: true,
    });
  });

  it('gives a working R2 store: put, get, delete and public URL through the lazy wrapper', async () => {
    const store = createObjectStore({
      driver: 'r2',
      endpoint: s3.endpoint,
      ...S3RVER_CREDENTIALS,
      bucket: BUCKET,
      publicUrl: 'https://media.example.test/',
    });
    expect(store.driver).toBe('r2');
    await store.check();
    const stored = await store.put('images/a.png', Buffer.from('png bytes'), { contentType: 'image/png' });
    expect(stored.url).toBe(store.publicUrl('images/a.png'));
    expect(await store.get('images/a.png')).toEqual({
      body: Buffer.from('png bytes'),
      contentType: 'image/png',
    });
    await store.delete('images/a.png');
    expect(await store.get('images/a.png')).toBeNull();
  });
});
