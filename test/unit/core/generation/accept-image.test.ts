import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src/core/errors.js';
import { acceptImage } from '../../../../src/core/generation/accept-image.js';
import { createSharpProcessor } from '../../../../src/infra/storage/sharp-processor.js';

const images = createSharpProcessor();
const solid = sharp({ create: { width: 40, height: 20, channels: 3, background: '#336699' } });

const refusal = async (body: Buffer) => {
  const error = await acceptImage(images, body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe('acceptImage (real sharp)', () => {
  it('types PNG, JPEG and WebP by their bytes and keeps them unchanged', async () => {
    for (const [format, type] of [
      ['png', 'image/png'],
      ['jpeg', 'image/jpeg'],
      ['webp', 'image/webp'],
    ] as const) {
      const body = await solid.clone().toFormat(format).toBuffer();
      const accepted = await acceptImage(images, body);
      expect(accepted).toMatchObject({ contentType: type, width: 40, height: 20 });
      expect(accepted.body).toBe(body);
    }
  });

  it('re-encodes GIF as PNG, first frame, dimensions kept', async () => {
    const gif = await solid.clone().gif().toBuffer();
    const accepted = await acceptImage(images, gif);
    expect(accepted).toMatchObject({ contentType: 'image/png', width: 40, height: 20 });
    expect((await sharp(accepted.body).metadata()).format).toBe('png');
  });

  it('refuses SVG (it can carry script), HTML and bytes that are no image, as fatal unsupported_media', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    for (const body of [svg, Buffer.from('<html><script>alert(1)</script></html>'), Buffer.alloc(0)]) {
      const error = await refusal(body);
      expect(error.errorClass).toBe('fatal');
      expect(error.info.code).toBe('unsupported_media');
    }
    expect((await refusal(svg)).message).toMatch(/SVG/);
  });
});
