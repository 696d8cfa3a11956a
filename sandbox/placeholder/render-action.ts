import sharp from 'sharp';
import { escapeXml, placeholderSize, wrapText } from './placeholder-svg.js';

/**
 * The sandbox's stand-ins for results made from an image: each one is the source image itself, so the
 * composition stays visible, with what was done printed on it. An upscale is really bigger by the factor;
 * an edit prints the instruction; image-to-image and variations tint the source (a hue turn from the seed,
 * so the images of one job differ) and print the prompt.
 */

export type PlaceholderAction = 'image-to-image' | 'variation' | 'edit' | 'upscale';

export interface ActionPlaceholderSpec {
  action: PlaceholderAction;
  source: Buffer;
  /** The size asked for (edits, image-to-image, variations); scaled to at most 512 px like other renders. */
  width: number;
  height: number;
  /** Upscales: the factor (the result is the source's size times it). */
  factor?: number;
  prompt: string;
  seed: number;
  strength?: number;
  /** Printed instead of the caption (e.g. the safety checker's verdict). */
  label?: string;
}

export type ActionRenderFn = (
  spec: ActionPlaceholderSpec,
) => Promise<{ png: Buffer; width: number; height: number }>;

/** Upscaled results stop at this long side (the sandbox's memory, not a published limit). */
const MAX_UPSCALED_SIDE = 4096;
const FONT = "'DejaVu Sans', 'Liberation Sans', sans-serif";

function caption(spec: ActionPlaceholderSpec, resized: string): string[] {
  if (spec.label) return [spec.label];
  switch (spec.action) {
    case 'upscale':
      return [`UPSCALED ×${spec.factor ?? 1}`, resized];
    case 'edit':
      return ['EDIT', spec.prompt];
    case 'image-to-image':
      return [`IMAGE-TO-IMAGE · strength ${spec.strength ?? 'default'}`, spec.prompt];
    case 'variation':
      return ['VARIATION', ...(spec.prompt ? [spec.prompt] : [])];
  }
}

/**
 * A dark panel at the top with the caption and the sandbox mark, as an SVG over the image: the top, so a
 * source that is itself a placeholder keeps its own caption (its prompt) visible at the bottom.
 */
function overlay(width: number, height: number, lines: string[], seed: number): Buffer {
  const unit = Math.min(width, height);
  const pad = Math.max(4, Math.round(unit * 0.04));
  const fs = Math.max(10, Math.round(unit * 0.045));
  const maxChars = Math.max(8, Math.floor((width - pad * 4) / (fs * 0.6)));
  const [title = '', ...rest] = lines;
  const body = rest.flatMap((l) => wrapText(l, maxChars, 3));
  const all = [wrapText(title, maxChars, 1)[0] ?? '', ...body, `seed ${seed} · SANDBOX RENDER`];
  const lineH = Math.round(fs * 1.3);
  const panelH = pad * 2 + all.length * lineH;
  const y0 = pad;
  const spans = all
    .map((t, i) => {
      const style =
        i === 0 ? ' font-weight="bold" fill="#ffcc00"' : i === all.length - 1 ? ' fill="#c9c9d6"' : '';
      return `<tspan x="${pad * 2}" y="${y0 + pad + fs + i * lineH}"${style}>${escapeXml(t)}</tspan>`;
    })
    .join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect x="${pad}" y="${y0}" width="${width - pad * 2}" height="${panelH}" rx="${pad / 2}" fill="#0b0b12" fill-opacity="0.85"/>` +
      `<text font-family="${FONT}" font-size="${fs}" fill="#ffffff">${spans}</text></svg>`,
  );
}

function upscaledSize(w: number, h: number, factor: number): { width: number; height: number } {
  const width = Math.max(1, Math.round(w * factor));
  const height = Math.max(1, Math.round(h * factor));
  const shrink = Math.min(1, MAX_UPSCALED_SIDE / Math.max(width, height));
  return { width: Math.round(width * shrink), height: Math.round(height * shrink) };
}

export async function renderActionPlaceholder(
  spec: ActionPlaceholderSpec,
): Promise<{ png: Buffer; width: number; height: number }> {
  const meta = await sharp(spec.source).metadata();
  const size =
    spec.action === 'upscale'
      ? upscaledSize(meta.width ?? 1, meta.height ?? 1, spec.factor ?? 1)
      : placeholderSize(spec.width, spec.height);
  const resized = `${meta.width}×${meta.height} → ${size.width}×${size.height}`;
  let image = sharp(spec.source, { animated: false }).resize(size.width, size.height, {
    fit: spec.action === 'upscale' ? 'fill' : 'cover',
    kernel: spec.action === 'upscale' ? 'nearest' : 'lanczos3',
  });
  if (spec.action === 'image-to-image' || spec.action === 'variation')
    image = image.modulate({ hue: 40 + (Math.abs(spec.seed) % 280), saturation: 1.2 });
  const png = await image
    .composite([
      {
        input: overlay(size.width, size.height, caption(spec, resized), spec.seed),
        top: 0,
        left: 0,
      },
    ])
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { png, ...size };
}
