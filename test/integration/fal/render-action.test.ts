import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderActionPlaceholder } from '../../../sandbox/placeholder/render-action.js';
import { twoToneImage } from './image-client.js';

const png = (buffer: Buffer) => sharp(buffer).raw().toBuffer();

describe('action placeholders', () => {
  it('an upscale is the source times the factor, in real pixels', async () => {
    const source = await twoToneImage(200, 120);
    const twice = await renderActionPlaceholder({
      action: 'upscale',
      source,
      width: 0,
      height: 0,
      factor: 2,
      prompt: '',
      seed: 1,
    });
    expect(await sharp(twice.png).metadata()).toMatchObject({ width: 400, height: 240, format: 'png' });
    const odd = await renderActionPlaceholder({
      action: 'upscale',
      source,
      width: 0,
      height: 0,
      factor: 1.5,
      prompt: '',
      seed: 1,
    });
    expect([odd.width, odd.height]).toEqual([300, 180]);
  });

  it('an edit draws its instruction on the source: another instruction, another picture', async () => {
    const source = await twoToneImage(256, 256);
    const edit = (prompt: string) =>
      renderActionPlaceholder({ action: 'edit', source, width: 256, height: 256, prompt, seed: 3 });
    const [a, b, again] = await Promise.all([
      edit('add a red scarf'),
      edit('make it night'),
      edit('add a red scarf'),
    ]);
    expect((await png(a.png)).equals(await png(again.png))).toBe(true);
    expect((await png(a.png)).equals(await png(b.png))).toBe(false);
    // Outside the caption the source shows through unchanged (an edit does not tint).
    const corner = await sharp(a.png).extract({ left: 10, top: 200, width: 20, height: 20 }).raw().toBuffer();
    expect([corner[0], corner[1], corner[2]]).toEqual([0xd0, 0x20, 0x20]);
  });
});
