import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_SCHEMAS } from '../../../sandbox/fal/endpoint-schemas.js';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { createCore } from '../../../src/compose.js';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { unmetRequirements } from '../../../src/core/generation/model-chain.js';
import type { ModelProfile } from '../../../src/core/generation/model-profile.js';
import type { Requester } from '../../../src/core/types.js';
import type { FalProvider } from '../../../src/infra/fal/fal-provider.js';
import { SHIPPED_PROFILES } from '../../../src/infra/fal/profiles/index.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';
import { createTestProvider, input } from './provider-fixture.js';

let emu: FalEmulator;
let provider: FalProvider | undefined;
let fixture: CoreFixture | undefined;
/** A reference image the emulator can download (endpoints fetch their image_url, as fal does). */
let reference: string;

beforeAll(async () => {
  emu = await startFalEmulator({ knobs: { latencyMs: 5 } });
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3060c0' } })
    .png()
    .toBuffer();
  reference = `data:image/png;base64,${png.toString('base64')}`;
});
afterEach(async () => {
  provider?.close();
  provider = undefined;
  await fixture?.close();
  fixture = undefined;
  emu.reset();
});
afterAll(async () => {
  await emu.close();
});

const recordOf = (requestId: string) => {
  const record = emu.requests().find((r) => r.requestId === requestId);
  if (!record) throw new Error(`the emulator has no record of ${requestId}`);
  return record;
};
const byEndpoint = (profiles: readonly ModelProfile[]) => profiles.map((p) => [p.endpoint, p] as const);
const textToImage = SHIPPED_PROFILES.filter(
  (p) => unmetRequirements(p, { referenceImage: false }).length === 0,
);

describe('each model profile against the fal emulator', () => {
  it.each(byEndpoint(SHIPPED_PROFILES))(
    '%s: the provider sends only declared fields and every required one, and parses its output',
    async (endpoint, profile) => {
      provider = createTestProvider(emu.url, { models: [endpoint] });
      const job = await provider.submit(
        input('a fox in the snow', {
          negativePrompt: 'blurry, watermark',
          ...(profile.takes.reference ? { referenceImageUrls: [reference] } : {}),
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
      for (const field of profile.required) expect(record.body).toHaveProperty(field);
      expect('negative_prompt' in record.body).toBe(profile.negativePrompt.kind !== 'none');
      expect(result.images).toHaveLength(1);
      // Recraft returns no seed: unknown, not 0.
      expect(result.seed).toBe(profile.seed.returned ? 1234 : undefined);
    },
  );
});

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };

describe('generate through the composed core, per text-to-image profile', () => {
  it.each(byEndpoint(textToImage.filter((p) => p.promptBudget.unit === 't5-tokens')))(
    '%s: the body holds only declared fields, and the record shows what part of the prompt the model read',
    async (endpoint) => {
      fixture = await startCoreFixture({ fal: emu, env: { FAL_MODEL: endpoint } });
      const created = await fixture.core.service.request({
        requester: alice,
        params: { catalogId: 'cosmic-threads', options: {} },
      });
      const done = await fixture.core.service.waitFor(created.id);
      expect(done).toMatchObject({ status: 'done', model: endpoint });
      const record = recordOf(done.requestId!);
      expect(record.ignored).toEqual([]);
      const window = ENDPOINT_SCHEMAS[endpoint]?.t5Window ?? null;
      expect(record.prompt?.window).toBe(window);
      expect(record.prompt?.read.length).toBeGreaterThan(0);
      if (window !== null) expect(record.prompt?.tokens).toBeGreaterThan(10);
    },
  );
});

describe('start-up', () => {
  const log = pino({ level: 'silent' });
  const env = (models: Record<string, string>) =>
    parseConfig({ FAL_KEY: 'k', DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', ...models });

  it('refuses a Kontext edit endpoint for text to image, as primary or as fallback, saying why', async () => {
    await expect(createCore(env({ FAL_MODEL: 'fal-ai/flux-pro/kontext' }), log)).rejects.toThrow(
      /FAL_MODEL: fal-ai\/flux-pro\/kontext requires image_url/,
    );
    const fallback = createCore(env({ FAL_FALLBACK_MODELS: 'fal-ai/flux-pro/kontext/max' }), log);
    await expect(fallback).rejects.toBeInstanceOf(ConfigError);
    await expect(fallback).rejects.toThrow(
      /FAL_FALLBACK_MODELS: fal-ai\/flux-pro\/kontext\/max cannot take over/,
    );
  });
});
