import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { emulatedFalClient, refusal, sizeOf, twoToneImage } from './image-client.js';

let emu: FalEmulator;

beforeAll(async () => {
  emu = await startFalEmulator({ knobs: { latencyMs: 1 }, readPrompts: false });
});
afterAll(async () => {
  await emu.close();
});

describe('fal emulator storage upload, through a real @fal-ai/client', () => {
  it('takes fal.storage.upload(blob) (initiate, PUT, file URL) and serves the file back', async () => {
    const fal = emulatedFalClient(emu.url);
    const png = await twoToneImage(200, 100);
    const url = await fal.storage.upload(new Blob([new Uint8Array(png)], { type: 'image/png' }));
    expect(url.startsWith(`${emu.url}/files/`)).toBe(true);
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it('then an edit (Kontext) downloads the uploaded image and answers at its size', async () => {
    const fal = emulatedFalClient(emu.url);
    const png = await twoToneImage(300, 150);
    const imageUrl = await fal.storage.upload(new Blob([new Uint8Array(png)], { type: 'image/png' }));
    const { data } = await fal.subscribe('fal-ai/flux-pro/kontext', {
      input: { prompt: 'give the captain a red scarf', image_url: imageUrl },
      mode: 'polling',
      pollInterval: 20,
    });
    const out = data as { images: { url: string; width: number; height: number }[]; prompt: string };
    expect(out.prompt).toBe('give the captain a red scarf');
    expect(out.images).toHaveLength(1);
    expect(out.images[0]).toMatchObject({ width: 300, height: 150 });
    expect(await sizeOf(out.images[0]?.url ?? '')).toEqual({ width: 300, height: 150, format: 'png' });
  });

  it('refuses an upload without its key, and a PUT to an unknown or used upload URL', async () => {
    const anonymous = await fetch(`${emu.url}/storage/upload/initiate?storage_type=fal-cdn-v3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content_type: 'image/png', file_name: 'a.png' }),
    });
    expect(anonymous.status).toBe(401);
    const initiated = await fetch(`${emu.url}/storage/upload/initiate?storage_type=fal-cdn-v3`, {
      method: 'POST',
      headers: { authorization: 'Key test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ content_type: 'image/png', file_name: '../../etc/passwd' }),
    });
    const { upload_url, file_url } = (await initiated.json()) as { upload_url: string; file_url: string };
    expect(new URL(file_url).pathname).toMatch(/^\/files\/[\w-]+\/[\w.-]+$/);
    expect((await fetch(upload_url, { method: 'PUT', body: 'x' })).status).toBe(200);
    expect((await fetch(upload_url, { method: 'PUT', body: 'y' })).status).toBe(404);
    expect(await (await fetch(file_url)).text()).toBe('x');
    expect((await fetch(`${emu.url}/_storage/upload/nope`, { method: 'PUT', body: 'x' })).status).toBe(404);
  });

  it('answers 422 like fal when an uploaded file is not an image', async () => {
    const fal = emulatedFalClient(emu.url);
    const text = await fal.storage.upload(new Blob(['not an image'], { type: 'text/plain' }));
    const refused = await refusal(
      fal.queue.submit('fal-ai/flux-pro/kontext', { input: { prompt: 'edit', image_url: text } }),
    );
    expect(refused).toEqual({
      status: 422,
      detail: [{ loc: ['body', 'image_url'], msg: expect.any(String), type: 'image_load_error' }],
    });
  });
});
