/**
 * The image the fal emulator returns during the benchmarks: 64×64, so downloading, probing and
 * thumbnailing cost next to nothing; what is left of that cost is measured and reported apart.
 */
import sharp from 'sharp';
import type { RenderFn } from '../sandbox/fal/render-output.js';
import { createSharpProcessor } from '../src/infra/storage/sharp-processor.js';

export const TINY_SIDE = 64;

export function makeTinyPng(): Promise<Buffer> {
  return sharp({ create: { width: TINY_SIDE, height: TINY_SIDE, channels: 3, background: '#c2410c' } })
    .png()
    .toBuffer();
}

/** A fal emulator render function that always answers the same tiny PNG (rendering is free). */
export const tinyRender =
  (png: Buffer): RenderFn =>
  async () => ({ png, width: TINY_SIDE, height: TINY_SIDE });

/**
 * CPU ms (user + system, all threads) the bot's image work costs per job on the tiny image: one probe
 * and one thumbnail through the same ImageProcessor the bot uses. Measured in this process.
 */
export async function measureImageCpuMs(png: Buffer, iterations = 200): Promise<number> {
  const images = createSharpProcessor();
  // Warm-up: sharp loads libvips lazily and the first calls pay for it.
  for (let i = 0; i < 20; i++) await images.thumbnail(png);
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    await images.probe(png);
    await images.thumbnail(png);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / iterations;
}
