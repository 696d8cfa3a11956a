import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import type { RenderFn } from '../../../sandbox/fal/render-output.js';

let emu: FalEmulator;
const renders: Parameters<RenderFn>[0][] = [];
const auth = { authorization: 'Key test-key', 'content-type': 'application/json' };

beforeAll(async () => {
  emu = await startFalEmulator({
    knobs: { latencyMs: 1 },
    render: async (spec) => {
      renders.push(spec);
      return { png: Buffer.from('png'), width: 64, height: 64 };
    },
  });
});
afterEach(() => {
  emu.reset();
  renders.length = 0;
});
afterAll(async () => {
  await emu.close();
});

async function submit(model: string, body: Record<string, unknown>) {
  const res = await fetch(`${emu.url}/${model}`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { request_id?: string; detail?: unknown } };
}

async function result(model: string, body: Record<string, unknown>) {
  const { body: queued } = await submit(model, body);
  const app = model.split('/').slice(0, 2).join('/');
  const url = `${emu.url}/${app}/requests/${queued.request_id}`;
  await vi.waitFor(async () => expect((await fetch(`${url}/status`, { headers: auth })).status).toBe(200));
  return (await (await fetch(url, { headers: auth })).json()) as Record<string, unknown>;
}

const longPrompt = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

describe('fal emulator, per endpoint', () => {
  it('refuses a Recraft V3 prompt over 1,000 characters and Kontext edits without image_url, FastAPI-style', async () => {
    const recraft = await submit('fal-ai/recraft/v3/text-to-image', { prompt: 'x'.repeat(1001) });
    expect(recraft).toEqual({
      status: 422,
      body: {
        detail: [
          {
            loc: ['body', 'prompt'],
            msg: 'String should have at most 1000 characters',
            type: 'string_too_long',
          },
        ],
      },
    });
    expect((await submit('fal-ai/recraft/v3/text-to-image', { prompt: 'x'.repeat(1000) })).status).toBe(200);
    const kontext = await submit('fal-ai/flux-pro/kontext', { prompt: 'make it blue' });
    expect(kontext.status).toBe(422);
    expect(kontext.body.detail).toEqual([
      { loc: ['body', 'image_url'], msg: 'Field required', type: 'missing' },
    ]);
    const ratio = await submit('fal-ai/flux-pro/kontext/text-to-image', { prompt: 'p', aspect_ratio: '5:4' });
    expect(ratio.body.detail).toMatchObject([{ loc: ['body', 'aspect_ratio'], type: 'literal_error' }]);
    const tolerance = await submit('fal-ai/flux-pro/v1.1', { prompt: 'p', safety_tolerance: '7' });
    expect(tolerance.body.detail).toMatchObject([
      { loc: ['body', 'safety_tolerance'], type: 'literal_error' },
    ]);
    const many = await submit('fal-ai/flux/schnell', { prompt: 'p', num_images: 5 });
    expect(many.body.detail).toMatchObject([{ loc: ['body', 'num_images'], type: 'less_than_equal' }]);
    expect((await submit('fal-ai/ideogram/v3', { prompt: 'p', num_images: 5 })).status).toBe(200);
  });

  it('ignores fields an endpoint does not declare, as fal does, and records them', async () => {
    const { status } = await submit('fal-ai/flux/schnell', {
      prompt: 'a fox',
      negative_prompt: 'blurry',
      safety_tolerance: '2',
    });
    expect(status).toBe(200);
    const recraft = await submit('fal-ai/recraft/v3/text-to-image', {
      prompt: 'a fox',
      seed: 7,
      num_images: 2,
    });
    expect(recraft.status).toBe(200);
    expect(emu.requests().map((r) => [r.model, r.ignored])).toEqual([
      ['fal-ai/flux/schnell', ['negative_prompt', 'safety_tolerance']],
      ['fal-ai/recraft/v3/text-to-image', ['seed', 'num_images']],
    ]);
  });

  it("answers in each endpoint's output shape", async () => {
    const flux = await result('fal-ai/flux/dev', { prompt: 'a fox', seed: 5 });
    expect(Object.keys(flux).sort()).toEqual(['has_nsfw_concepts', 'images', 'prompt', 'seed', 'timings']);
    expect(flux.seed).toBe(5);
    const recraft = await result('fal-ai/recraft/v3/text-to-image', { prompt: 'a fox' });
    expect(Object.keys(recraft)).toEqual(['images']);
    expect((recraft.images as object[])[0]).not.toHaveProperty('width');
    const ideogram = await result('fal-ai/ideogram/v3', { prompt: 'a fox', seed: 6 });
    expect(Object.keys(ideogram).sort()).toEqual(['images', 'seed']);
    expect(ideogram.seed).toBe(6);
    const ultra = await result('fal-ai/flux-pro/v1.1-ultra', { prompt: 'a fox', aspect_ratio: '9:16' });
    expect(renders.at(-1)).toMatchObject({ width: 768, height: 1376 });
    expect(ultra.images).toHaveLength(1);
  });

  it('records what part of the prompt each FLUX model reads (its T5 window) and renders it', async () => {
    const prompt = longPrompt(180);
    for (const model of ['fal-ai/flux/schnell', 'fal-ai/flux/dev', 'fal-ai/ideogram/v3'])
      expect((await submit(model, { prompt })).status).toBe(200);
    const [schnell, dev, ideogram] = emu.requests().map((r) => r.prompt!);
    expect(schnell?.window).toBe(256);
    expect(schnell?.tokens).toBeGreaterThan(256);
    // The model reads the first 255 tokens (the 256th is </s>); the rest is the cut tail, in order.
    expect(`${schnell?.read} ${schnell?.cut}`.replace(/\s+/g, ' ')).toBe(prompt);
    expect(schnell?.read.startsWith('word0 word1')).toBe(true);
    expect(schnell?.cut.endsWith('word179')).toBe(true);
    expect(dev).toMatchObject({ window: 512, cut: '' });
    expect(dev?.tokens).toBe(schnell?.tokens);
    expect(ideogram).toEqual({ window: null, tokens: null, read: prompt, cut: '' });
    await vi.waitFor(() => expect(renders).toHaveLength(3));
    expect(renders.find((r) => r.reading?.window === 256)?.reading?.cut).toBe(schnell?.cut);
  });
});
