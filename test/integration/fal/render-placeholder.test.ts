import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildPlaceholderSvg, wrapText } from '../../../sandbox/placeholder/placeholder-svg.js';
import {
  renderPlaceholder,
  renderPlaceholderImage,
} from '../../../sandbox/placeholder/render-placeholder.js';

async function meanColour(png: Buffer): Promise<number[]> {
  const { channels } = await sharp(png).stats();
  return channels.slice(0, 3).map((c) => Math.round(c.mean));
}

describe('renderPlaceholder', () => {
  it('renders a PNG scaled to at most 512 px on the long side, keeping the aspect ratio', async () => {
    const out = await renderPlaceholderImage({ prompt: 'a fox', seed: 1, width: 1024, height: 768 });
    const meta = await sharp(out.png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([512, 384]);
    expect([out.width, out.height]).toEqual([512, 384]);
    const small = await renderPlaceholderImage({ prompt: 'a fox', seed: 1, width: 300, height: 200 });
    expect([small.width, small.height]).toEqual([300, 200]);
  });

  it('is deterministic per seed and differs between seeds', async () => {
    const spec = { prompt: 'same prompt', width: 256, height: 256 };
    const a = await renderPlaceholder({ ...spec, seed: 7 });
    const b = await renderPlaceholder({ ...spec, seed: 7 });
    const c = await renderPlaceholder({ ...spec, seed: 8 });
    expect(a.equals(b)).toBe(true);
    expect(await meanColour(a)).not.toEqual(await meanColour(c));
  });

  it('writes the badge, the label (or the prompt) and the seed into the picture', () => {
    const svg = buildPlaceholderSvg({
      text: 'Frame <2> & "hero"',
      seed: 4242,
      width: 512,
      height: 512,
      requested: { width: 1024, height: 1024 },
    });
    expect(svg).toContain('SANDBOX RENDER');
    expect(svg).toContain('seed 4242 · 1024×1024');
    expect(svg).toContain('Frame &#60;2&#62; &#38; &#34;hero&#34;');
  });

  it('prints what the model reads: with a cut, its last words and the first ones lost, struck through', () => {
    const requested = { width: 1024, height: 1024 };
    const cut = buildPlaceholderSvg({
      text: 'ignored when a reading is given',
      seed: 1,
      width: 512,
      height: 512,
      requested,
      reading: {
        window: 256,
        tokens: 300,
        read: 'mascot, Footwear: black',
        cut: 'boots, a pizza',
      },
    });
    expect(cut).toContain('reads 256 of 300 T5 tokens · the rest is cut');
    expect(cut).toMatch(/>…mascot, Footwear: black</);
    expect(cut).toMatch(/text-decoration="line-through">✂ boots, a pizza</);
    expect(cut).not.toContain('ignored when');
    const whole = buildPlaceholderSvg({
      text: 'x',
      seed: 1,
      width: 512,
      height: 512,
      requested,
      reading: { window: 512, tokens: 12, read: 'a fox in the snow', cut: '' },
    });
    expect(whole).toContain('reads all 12 of 512 T5 tokens');
    expect(whole).toContain('>a fox in the snow<');
    expect(whole).not.toContain('line-through');
  });

  it('wraps long prompts into a few lines and marks the cut', () => {
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 10, 3);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.length <= 10)).toBe(true);
    expect(lines[2]?.endsWith('…')).toBe(true);
    expect(wrapText('short', 10, 3)).toEqual(['short']);
  });
});
