import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createSharpProcessor, InvalidImageError } from '../../../../src/infra/storage/sharp-processor.js';

const processor = createSharpProcessor();

function solid(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } });
}

describe('sharp processor', () => {
  it('probes PNG and JPEG dimensions and format', async () => {
    expect(await processor.probe(await solid(640, 360).png().toBuffer())).toEqual({
      width: 640,
      height: 360,
      format: 'png',
    });
    expect(await processor.probe(await solid(300, 500).jpeg().toBuffer())).toEqual({
      width: 300,
      height: 500,
      format: 'jpeg',
    });
  });

  it('makes a JPEG thumbnail (Slack shows no WebP) within 384 px that keeps the aspect ratio', async () => {
    const thumb = await processor.thumbnail(await solid(1600, 900).png().toBuffer());
    expect(thumb.contentType).toBe('image/jpeg');
    const info = await sharp(thumb.body).metadata();
    expect(info.format).toBe('jpeg');
    expect(info.width).toBe(384);
    expect(info.height).toBe(216);
  });

  it('fits portrait JPEGs by height and honours a custom maxSide', async () => {
    const thumb = await processor.thumbnail(await solid(600, 1200).jpeg().toBuffer(), 100);
    const info = await sharp(thumb.body).metadata();
    expect(info.format).toBe('jpeg');
    expect([info.width, info.height]).toEqual([50, 100]);
  });

  it('puts transparent pixels on white (JPEG has no alpha)', async () => {
    const clear = await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const thumb = await processor.thumbnail(clear);
    const { data } = await sharp(thumb.body).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(240);
  });

  it('never enlarges small images', async () => {
    const thumb = await processor.thumbnail(await solid(120, 80).png().toBuffer());
    const info = await sharp(thumb.body).metadata();
    expect([info.width, info.height]).toEqual([120, 80]);
  });

  it('applies EXIF orientation and strips metadata', async () => {
    // Stored 400x200 with orientation 6 (rotate 90°): displayed as 200x400.
    const jpeg = await solid(400, 200)
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret-camera' } } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif?.includes('secret-camera')).toBe(true);
    expect(await processor.probe(jpeg)).toMatchObject({ width: 200, height: 400 });
    const thumb = await processor.thumbnail(jpeg);
    const info = await sharp(thumb.body).metadata();
    expect([info.width, info.height]).toEqual([192, 384]);
    expect(info.exif).toBeUndefined();
    expect(info.orientation).toBeUndefined();
  });

  it('throws InvalidImageError for bytes that are not an image', async () => {
    const junk = Buffer.from('definitely not an image, just text');
    await expect(processor.probe(junk)).rejects.toThrow(InvalidImageError);
    await expect(processor.thumbnail(junk)).rejects.toThrow(InvalidImageError);
    await expect(processor.probe(Buffer.alloc(0))).rejects.toThrow(InvalidImageError);
  });

  it('refuses a nonsensical maxSide', async () => {
    const png = await solid(10, 10).png().toBuffer();
    await expect(processor.thumbnail(png, 0)).rejects.toThrow(RangeError);
    await expect(processor.thumbnail(png, 1.5)).rejects.toThrow(RangeError);
  });
});
