import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { emulatedFalClient, refusal, sizeOf, twoToneImage } from './image-client.js';

let emu: FalEmulator;
let fal: ReturnType<typeof emulatedFalClient>;
let source: string;
/** A stand-in for the bot's public media server, on another origin than the emulator. */
let media: Server;
let mediaUrl: string;

const run = async (endpoint: string, input: Record<string, unknown>) =>
  (await fal.subscribe(endpoint, { input, mode: 'polling', pollInterval: 20 })).data as Record<
    string,
    unknown
  >;

type Images = { url: string; width: number; height: number }[];

beforeAll(async () => {
  emu = await startFalEmulator({ knobs: { latencyMs: 1 }, readPrompts: false });
  fal = emulatedFalClient(emu.url);
  const png = await twoToneImage(320, 160);
  media = createServer((req, res) => {
    if (req.url === '/moved.png') res.writeHead(302, { location: source }).end();
    else if (req.url === '/a.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
beforeAll(async () => {
  source = await fal.storage.upload(
    new Blob([new Uint8Array(await twoToneImage(320, 160))], { type: 'image/png' }),
  );
});
afterAll(async () => {
  media.close();
  await emu.close();
});

describe('fal emulator image endpoints, through a real @fal-ai/client', () => {
  it('image-to-image: the source size, num_images images, each a tint of the source', async () => {
    const out = await run('fal-ai/flux/dev/image-to-image', {
      prompt: 'the captain in autumn colours',
      image_url: source,
      strength: 0.8,
      num_images: 3,
    });
    expect(Object.keys(out).sort()).toEqual(['has_nsfw_concepts', 'images', 'prompt', 'seed', 'timings']);
    const images = out.images as Images;
    expect(images).toHaveLength(3);
    for (const image of images) expect(await sizeOf(image.url)).toMatchObject({ width: 320, height: 160 });
    const bodies = await Promise.all(
      images.map(async (i) => Buffer.from(await (await fetch(i.url)).arrayBuffer())),
    );
    expect(bodies[0]?.equals(bodies[1] ?? Buffer.alloc(0))).toBe(false);
    // The composition stays: the left half and the right half still differ in colour.
    // (stats() reads its input, not the pipeline: the patch is cut out first.)
    const colour = async (left: number) => {
      const patch = await sharp(bodies[0])
        .extract({ left, top: 110, width: 40, height: 40 })
        .png()
        .toBuffer();
      return (await sharp(patch).stats()).channels.map((c) => c.mean);
    };
    const [left, right] = [await colour(10), await colour(270)];
    expect(left.reduce((sum, v, i) => sum + Math.abs(v - (right[i] ?? 0)), 0)).toBeGreaterThan(100);
  });

  it('Redux (dev takes no prompt; pro 1.1) answers variations at the asked size', async () => {
    const dev = await run('fal-ai/flux/dev/redux', { image_url: source, num_images: 2 });
    expect(dev.images as Images).toHaveLength(2);
    // image_size defaults to landscape_4_3 (1024×768), rendered at most 512 px wide.
    expect((dev.images as Images)[0]).toMatchObject({ width: 512, height: 384 });
    const pro = await run('fal-ai/flux-pro/v1.1/redux', { image_url: source, image_size: 'square' });
    expect((pro.images as Images)[0]).toMatchObject({ width: 512, height: 512 });
    expect(emu.requests().at(-2)?.ignored).toEqual([]);
  });

  it('Kontext multi takes image_urls (a list) and answers at the asked ratio', async () => {
    const out = await run('fal-ai/flux-pro/kontext/multi', {
      prompt: 'put both characters on one poster',
      image_urls: [source, source],
      aspect_ratio: '1:1',
    });
    expect((out.images as Images)[0]).toMatchObject({ width: 512, height: 512 });
  });

  it('upscale: ×2 by default is twice as wide and high, ×4 four times, in ClarityUpscalerOutput shape', async () => {
    const twice = await run('fal-ai/clarity-upscaler', { image_url: source });
    expect(Object.keys(twice).sort()).toEqual(['image', 'seed', 'timings']);
    expect(twice.image).toMatchObject({ width: 640, height: 320, content_type: 'image/png' });
    expect(await sizeOf((twice.image as { url: string }).url)).toEqual({
      width: 640,
      height: 320,
      format: 'png',
    });
    const four = await run('fal-ai/clarity-upscaler', { image_url: source, upscale_factor: 4 });
    expect(await sizeOf((four.image as { url: string }).url)).toMatchObject({ width: 1280, height: 640 });
    // Upscaling a result the emulator made (its own media URL) works too.
    const again = await run('fal-ai/clarity-upscaler', { image_url: (twice.image as { url: string }).url });
    expect(again.image).toMatchObject({ width: 1280, height: 640 });
  });

  it('refuses a missing image_url, a bad strength and an unknown upscale factor with 422 in fal shape', async () => {
    const submit = (endpoint: string, input: Record<string, unknown>) =>
      refusal(fal.queue.submit(endpoint, { input }));
    expect(await submit('fal-ai/flux/dev/image-to-image', { prompt: 'p' })).toEqual({
      status: 422,
      detail: [{ loc: ['body', 'image_url'], msg: 'Field required', type: 'missing' }],
    });
    expect(
      await submit('fal-ai/flux/dev/image-to-image', { prompt: 'p', image_url: source, strength: 1.5 }),
    ).toEqual({
      status: 422,
      detail: [
        {
          loc: ['body', 'strength'],
          msg: 'Input should be less than or equal to 1',
          type: 'less_than_equal',
        },
      ],
    });
    expect(
      (await submit('fal-ai/flux/dev/image-to-image', { prompt: 'p', image_url: source, strength: 0 }))
        .detail,
    ).toMatchObject([{ loc: ['body', 'strength'], type: 'greater_than_equal' }]);
    expect(await submit('fal-ai/clarity-upscaler', { image_url: source, upscale_factor: 8 })).toEqual({
      status: 422,
      detail: [
        {
          loc: ['body', 'upscale_factor'],
          msg: 'Input should be less than or equal to 4',
          type: 'less_than_equal',
        },
      ],
    });
    expect(await submit('fal-ai/flux/dev/redux', {})).toMatchObject({
      detail: [{ loc: ['body', 'image_url'], type: 'missing' }],
    });
    expect(emu.stats().accepted).toBeGreaterThan(0);
  });

  it('downloads only what it can reach: its own files, data: URIs and allowed origins; no redirects', async () => {
    const blocked = await refusal(
      fal.queue.submit('fal-ai/clarity-upscaler', { input: { image_url: `${mediaUrl}/a.png` } }),
    );
    expect(blocked).toEqual({
      status: 422,
      detail: [{ loc: ['body', 'image_url'], msg: expect.any(String), type: 'file_download_error' }],
    });
    emu.allowImageOrigin(mediaUrl);
    expect((await run('fal-ai/clarity-upscaler', { image_url: `${mediaUrl}/a.png` })).image).toMatchObject({
      width: 640,
    });
    const redirected = await refusal(
      fal.queue.submit('fal-ai/clarity-upscaler', { input: { image_url: `${mediaUrl}/moved.png` } }),
    );
    expect(redirected.detail).toMatchObject([{ type: 'file_download_error' }]);
    const missing = await refusal(
      fal.queue.submit('fal-ai/flux-pro/kontext/multi', {
        input: { prompt: 'p', image_urls: [source, `${emu.url}/files/nope/x.png`] },
      }),
    );
    expect(missing.detail).toEqual([
      { loc: ['body', 'image_urls', 1], msg: expect.any(String), type: 'file_download_error' },
    ]);
    const tiny = (await twoToneImage(40, 20)).toString('base64');
    const inline = await run('fal-ai/clarity-upscaler', { image_url: `data:image/png;base64,${tiny}` });
    expect(inline.image).toMatchObject({ width: 80, height: 40 });
  });
});
