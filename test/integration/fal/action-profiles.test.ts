import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_SCHEMAS } from '../../../sandbox/fal/endpoint-schemas.js';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import {
  ACTIONS_SERVING,
  actionOf,
  imagesPerRequest,
  type ModelProfile,
  promptSpec,
} from '../../../src/core/generation/model-profile.js';
import type { ImageActionKind } from '../../../src/core/ports.js';
import type { FalProvider } from '../../../src/infra/fal/fal-provider.js';
import { createFalUploader } from '../../../src/infra/fal/fal-uploader.js';
import { ACTION_PROFILES, findProfile, SHIPPED_PROFILES } from '../../../src/infra/fal/profiles/index.js';
import { twoToneImage } from './image-client.js';
import { caught, createTestProvider, input } from './provider-fixture.js';

let emu: FalEmulator;
let provider: FalProvider | undefined;
let source: Buffer;
/** The source as a data: URI, which fal (and the emulator) downloads like any image_url. */
let sourceUri: string;

beforeAll(async () => {
  emu = await startFalEmulator({ knobs: { latencyMs: 1 }, readPrompts: false });
  source = await twoToneImage(320, 160);
  sourceUri = `data:image/png;base64,${source.toString('base64')}`;
});
afterEach(() => {
  provider?.close();
  provider = undefined;
  emu.reset();
});
afterAll(async () => {
  await emu.close();
});

const profile = (endpoint: string) => findProfile(endpoint)!;
const recordOf = (requestId: string) => {
  const record = emu.requests().find((r) => r.requestId === requestId);
  if (!record) throw new Error(`the emulator has no record of ${requestId}`);
  return record;
};
const probe = async (url: string) => {
  const { body } = await provider!.download(url);
  const meta = await sharp(body).metadata();
  return { width: meta.width, height: meta.height };
};
/** The kind of request a profile serves (an image-to-image model serves variations). */
const kindOf = (p: ModelProfile) =>
  (Object.keys(ACTIONS_SERVING) as ImageActionKind[]).find((k) => ACTIONS_SERVING[k].includes(actionOf(p)))!;
const actionProfiles = [...SHIPPED_PROFILES, ...ACTION_PROFILES].filter(
  (p) => actionOf(p) !== 'text-to-image',
);

/** A text model for the chain, the given profile for its action. */
const providerFor = (p: ModelProfile) =>
  createTestProvider(emu.url, { models: ['fal-ai/flux/schnell'], actions: { [kindOf(p)]: p } });

describe("each profile's ranges and output shape against the emulator's schema of its endpoint", () => {
  const rangeOf = (endpoint: string, name: string | undefined) => {
    const spec = name ? ENDPOINT_SCHEMAS[endpoint]?.fields[name] : undefined;
    return spec && 'max' in spec ? { min: spec.min, max: spec.max } : undefined;
  };
  it.each([...SHIPPED_PROFILES, ...ACTION_PROFILES].map((p) => [p.endpoint, p] as const))(
    '%s: num_images, strength and upscale ranges and the output shape agree',
    (endpoint, p) => {
      const schema = ENDPOINT_SCHEMAS[endpoint]!;
      const images = imagesPerRequest(p);
      expect(images.field ? rangeOf(endpoint, images.field)?.max : undefined).toBe(
        rangeOf(endpoint, 'num_images')?.max,
      );
      for (const bounded of [p.strength, p.upscale].filter((b) => b !== undefined))
        expect(rangeOf(endpoint, bounded.field)).toEqual({ min: bounded.min, max: bounded.max });
      expect(p.output === 'image').toBe(schema.output === 'image-with-seed');
      // No size field at all: the result takes the source's size.
      const sized = ['image_size', 'aspect_ratio'].some((f) => f in schema.fields);
      expect(p.size.kind === 'source').toBe(!sized);
    },
  );
});

describe('each image-action profile against the fal emulator, through the real FalProvider', () => {
  it.each(actionProfiles.map((p) => [p.endpoint, p] as const))(
    '%s: the body holds only declared fields and every required one; the output is read',
    async (endpoint, p) => {
      provider = providerFor(p);
      const job = await provider.submit(
        input('the captain, brand colours', {
          negativePrompt: 'blurry',
          action: kindOf(p),
          imageUrls: [sourceUri],
          instruction: 'give the captain a red scarf',
          count: 2,
        }),
      );
      const result = await provider.wait(job, () => {});
      const record = recordOf(job.requestId);
      expect(record).toMatchObject({
        model: endpoint,
        schema: endpoint,
        status: 200,
        ignored: [],
        errors: [],
      });
      expect(Object.keys(record.body).filter((k) => !p.fields.includes(k))).toEqual([]);
      for (const field of p.required) expect(record.body).toHaveProperty(field);
      expect(record.body[p.imageInput!.field]).toEqual(p.imageInput!.list ? [sourceUri] : sourceUri);
      if (promptSpec(p) === null) expect(record.body).not.toHaveProperty('prompt');
      // Two images where one request may ask for them; the upscaler answers one `image`.
      expect(result.images).toHaveLength(Math.min(2, imagesPerRequest(p).max));
      expect(result.seed).toBe(1234);
    },
  );

  it('count 3 on a variation returns three images from one job', async () => {
    provider = providerFor(profile('fal-ai/flux/dev/image-to-image'));
    const job = await provider.submit(
      input('the captain', { action: 'variation', imageUrls: [sourceUri], count: 3 }),
    );
    const result = await provider.wait(job, () => {});
    expect(recordOf(job.requestId).body).toMatchObject({
      num_images: 3,
      strength: 0.7,
      image_url: sourceUri,
    });
    expect(result.images).toHaveLength(3);
    expect(new Set(result.images.map((i) => i.url)).size).toBe(3);
    // Image-to-image answers at the source's size: no size field is sent.
    expect(result.images[0]).toMatchObject({ width: 320, height: 160 });
  });

  it('an upscale ×2 is twice the source size (a single `image` in the output)', async () => {
    provider = providerFor(profile('fal-ai/clarity-upscaler'));
    const job = await provider.submit(
      input('', { action: 'upscale', imageUrls: [sourceUri], upscaleFactor: 2 }),
    );
    const result = await provider.wait(job, () => {});
    const body = recordOf(job.requestId).body;
    expect(body).toMatchObject({ upscale_factor: 2, image_url: sourceUri });
    // An empty prompt is left out: the upscaler's own default applies.
    expect(body).not.toHaveProperty('prompt');
    expect(result.images).toHaveLength(1);
    expect(await probe(result.images[0]!.url)).toEqual({ width: 640, height: 320 });
  });

  it('an edit through an uploaded image: ImageUploader → fal storage URL → Kontext, at the source size', async () => {
    const uploader = createFalUploader({ key: 'test-key', queueUrl: emu.url, restUrl: emu.url });
    const url = await uploader.upload(source, 'image/png');
    expect(url.startsWith(`${emu.url}/files/`)).toBe(true);
    provider = createTestProvider(emu.url, { actions: { edit: profile('fal-ai/flux-pro/kontext') } });
    const job = await provider.submit(
      input('the brand prompt', {
        action: 'edit',
        instruction: 'give the captain a red scarf',
        imageUrls: [url],
      }),
    );
    const result = await provider.wait(job, () => {});
    const record = recordOf(job.requestId);
    expect(record).toMatchObject({ model: 'fal-ai/flux-pro/kontext', ignored: [], errors: [] });
    expect(record.body).toMatchObject({ prompt: 'give the captain a red scarf', image_url: url });
    // The edit keeps the source's ratio: no aspect_ratio is sent.
    expect(record.body).not.toHaveProperty('aspect_ratio');
    expect(await probe(result.images[0]!.url)).toEqual({ width: 320, height: 160 });
  });

  it('text jobs still go to the text chain; an action without a model is refused before any submit', async () => {
    provider = createTestProvider(emu.url, { actions: { upscale: profile('fal-ai/clarity-upscaler') } });
    const text = await provider.submit(input('a fox', { count: 3 }));
    expect(text.model).toBe('fal-ai/flux/schnell');
    expect(await provider.wait(text, () => {})).toMatchObject({ images: [{}, {}, {}] });
    const refused = await caught(provider.submit(input('a fox', { action: 'edit', imageUrls: [sourceUri] })));
    expect(refused).toMatchObject({ errorClass: 'fatal', info: { code: 'no_model' } });
    expect(emu.requests()).toHaveLength(1);
  });
});
