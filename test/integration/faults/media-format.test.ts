import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnobsUpdate } from '../../../sandbox/fal/knobs.js';
import { createR2Client } from '../../../src/infra/storage/r2-client.js';
import { alice, type FaultFixture, paramsFor, startFaultCore, statusCounts } from './fault-fixture.js';
import { type RestartableS3rver, S3RVER_KEYS, startRestartableS3rver } from './restartable-s3rver.js';

let fixture: FaultFixture | undefined;
let s3: RestartableS3rver | undefined;
afterEach(async () => {
  await fixture?.close();
  await s3?.dispose();
  fixture = undefined;
  s3 = undefined;
});

/** Runs one job against a provider serving `knobs`' media; the final event and what was stored. */
async function runWith(knobs: KnobsUpdate, label: string, env: Record<string, string> = {}) {
  fixture = await startFaultCore({ knobs, env });
  const f = fixture;
  const job = await f.core.service.request({ requester: alice, params: paramsFor(label) });
  const final = await f.terminal(job.id);
  const record = await f.core.service.get(job.id);
  return { f, final, record };
}

const sidecarType = async (f: FaultFixture, key: string) =>
  (JSON.parse(await readFile(join(f.dir, 'media', `${key}.meta.json`), 'utf8')) as { contentType: string })
    .contentType;

describe('what the provider sends is stored by its decoded format, never by its claimed type', () => {
  for (const claimed of ['image/svg+xml', 'image/png']) {
    it(`refuses an SVG served as ${claimed}: the job fails saying why, nothing is stored`, async () => {
      const { f, final, record } = await runWith(
        { mediaFormat: 'svg', mediaContentType: claimed },
        `svg as ${claimed}`,
      );
      expect(final.update).toMatchObject({ kind: 'failed', errorClass: 'fatal', retryable: false });
      expect(final.update.kind === 'failed' && final.update.message).toMatch(
        /not a PNG, JPEG or WebP image, so it was not saved or posted \(reference /,
      );
      expect(await f.mediaFiles()).toEqual([]);
      // Refused once, not downloaded again and again; the job keeps its provider request id.
      expect(f.fal.stats()).toMatchObject({ submits: 1, mediaRequests: 1 });
      expect(record).toMatchObject({ status: 'failed', imageKey: null });
      expect(record?.requestId).toBeTruthy();
      expect(await statusCounts(f.core)).toEqual({ failed: 1 });
    });
  }

  it('stores a JPEG that claimed to be a PNG as image/jpeg', async () => {
    const { f, final, record } = await runWith(
      { mediaFormat: 'jpeg', mediaContentType: 'image/png' },
      'jpeg as png',
    );
    expect(final.update.kind).toBe('done');
    expect(record?.imageKey).toMatch(/\.jpg$/);
    expect(await sidecarType(f, record!.imageKey!)).toBe('image/jpeg');
  });

  it('keeps a WebP as WebP', async () => {
    const { f, record } = await runWith({ mediaFormat: 'webp' }, 'webp');
    expect(record?.imageKey).toMatch(/\.webp$/);
    expect(await sidecarType(f, record!.imageKey!)).toBe('image/webp');
  });

  for (const format of ['gif', 'avif', 'tiff'] as const) {
    it(`converts ${format.toUpperCase()} to PNG`, async () => {
      const { f, final, record } = await runWith({ mediaFormat: format }, format);
      expect(final.update.kind).toBe('done');
      expect(record?.imageKey).toMatch(/\.png$/);
      expect(await sidecarType(f, record!.imageKey!)).toBe('image/png');
      const stored = await readFile(join(f.dir, 'media', record!.imageKey!));
      expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 });
      expect(record).toMatchObject({ width: 64, height: 64 });
    });
  }

  it('gives the R2 object the decoded type, not the claimed one', async () => {
    s3 = await startRestartableS3rver('atelier-media-format');
    const { final, record } = await runWith(
      { mediaFormat: 'jpeg', mediaContentType: 'image/svg+xml' },
      'jpeg as svg on r2',
      s3.env(),
    );
    expect(final.update.kind).toBe('done');
    const client = createR2Client({ endpoint: s3.endpoint, ...S3RVER_KEYS });
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: record!.imageKey! }));
      expect(head.ContentType).toBe('image/jpeg');
    } finally {
      client.destroy();
    }
  });
});
