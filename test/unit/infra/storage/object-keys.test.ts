import { describe, expect, it } from 'vitest';
import { extensionFor, newImageKeys } from '../../../../src/infra/storage/object-keys.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newImageKeys', () => {
  it('puts image and thumbnail under UTC year/month with one shared UUID', () => {
    // 23:30 on 30 Nov in New York is already December in UTC: keys follow UTC, not the host's zone.
    const previous = process.env.TZ;
    process.env.TZ = 'America/New_York';
    let keys: ReturnType<typeof newImageKeys>;
    try {
      keys = newImageKeys(new Date('2026-12-01T04:30:00Z'), 'image/jpeg');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    const image = /^images\/2026\/12\/(.+)\.jpeg$/.exec(keys.image);
    const thumb = /^thumbs\/2026\/12\/(.+)\.webp$/.exec(keys.thumb);
    expect(image?.[1]).toMatch(UUID);
    expect(thumb?.[1]).toBe(image?.[1]);
    expect(keys.image).toContain('/2026/12/');
  });

  it('pads the month and defaults to PNG', () => {
    const keys = newImageKeys(new Date('2026-03-05T00:00:00Z'), undefined, 'fixed-id');
    expect(keys).toEqual({ image: 'images/2026/03/fixed-id.png', thumb: 'thumbs/2026/03/fixed-id.webp' });
  });

  it('never repeats a key', () => {
    const now = new Date();
    const seen = new Set(Array.from({ length: 500 }, () => newImageKeys(now).image));
    expect(seen.size).toBe(500);
  });
});

describe('extensionFor', () => {
  it.each([
    ['image/png', 'png'],
    ['image/jpeg', 'jpeg'],
    ['IMAGE/JPG', 'jpeg'],
    ['image/webp; q=1', 'webp'],
    ['application/octet-stream', 'bin'],
  ])('%s → %s', (contentType, ext) => {
    expect(extensionFor(contentType)).toBe(ext);
  });
});
