import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { modelChainProblems, promptBudgetsFor } from '../../src/core/generation/model-chain.js';
import { findProfile } from '../../src/infra/fal/profiles/index.js';
import { problemsOf } from '../helpers/config-problems.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-profiles-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const profile = (endpoint: string) => findProfile(endpoint)!;

/** An operator's profile for an endpoint we do not ship. */
const operatorProfile = {
  ...profile('fal-ai/flux/dev'),
  endpoint: 'acme/house-flux',
  label: 'ACME house FLUX',
  source: 'our own deployment',
};

describe('FAL_MODEL and FAL_FALLBACK_MODELS name model profiles', () => {
  it('refuses an endpoint without a profile, listing the supported ones', () => {
    const problems = problemsOf({ FAL_MODEL: 'fal-ai/flux/turbo', FAL_FALLBACK_MODELS: 'fal-ai/sdxl' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^FAL_MODEL: fal-ai\/flux\/turbo has no model profile; supported: /);
    expect(problems[0]).toContain('fal-ai/flux/schnell');
    expect(problems[0]).toContain('fal-ai/recraft/v3/text-to-image');
    expect(problems[1]).toMatch(/^FAL_FALLBACK_MODELS: fal-ai\/sdxl has no model profile/);
  });

  it('gives the chain its profiles in order', () => {
    const config = parseConfig({ FAL_MODEL: 'fal-ai/flux/dev', FAL_FALLBACK_MODELS: 'fal-ai/ideogram/v3' });
    expect(config.fal.profiles.map((p) => p.endpoint)).toEqual(['fal-ai/flux/dev', 'fal-ai/ideogram/v3']);
  });

  it('takes an operator profile from FAL_MODEL_PROFILE, validated like the shipped ones', async () => {
    const file = join(dir, 'house.json');
    await writeFile(file, JSON.stringify(operatorProfile));
    const config = parseConfig({ FAL_MODEL: 'acme/house-flux', FAL_MODEL_PROFILE: file });
    expect(config.fal.profiles.map((p) => p.label)).toEqual(['ACME house FLUX']);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...operatorProfile, fields: ['prompt', 'image_size'] }));
    const problems = problemsOf({ FAL_MODEL: 'acme/house-flux', FAL_MODEL_PROFILE: bad });
    expect(problems[0]).toMatch(/^FAL_MODEL_PROFILE: .*bad\.json: fields: uses enable_safety_checker/);
    expect(problems.at(-1)).toMatch(/^FAL_MODEL: acme\/house-flux has no model profile/);
    expect(problemsOf({ FAL_MODEL_PROFILE: join(dir, 'missing.json') })[0]).toMatch(
      /^FAL_MODEL_PROFILE: cannot read .*missing\.json as JSON/,
    );
  });
});

describe('model chain', () => {
  const none = { referenceImage: false };

  it('refuses Kontext edits (image_url required) for text to image, as primary or fallback, saying why', () => {
    expect(modelChainProblems([profile('fal-ai/flux-pro/kontext')], none)).toEqual([
      'FAL_MODEL: fal-ai/flux-pro/kontext requires image_url, which text-to-image requests do not carry (no reference image in the catalogs)',
    ]);
    const chain = [profile('fal-ai/flux/schnell'), profile('fal-ai/flux-pro/kontext/max')];
    expect(modelChainProblems(chain, none)[0]).toMatch(
      /^FAL_FALLBACK_MODELS: fal-ai\/flux-pro\/kontext\/max cannot take over fal-ai\/flux\/schnell's requests: it requires image_url/,
    );
    expect(modelChainProblems([profile('fal-ai/flux-pro/kontext')], { referenceImage: true })).toEqual([]);
    expect(
      modelChainProblems(
        [profile('fal-ai/flux-pro/kontext/text-to-image'), profile('fal-ai/flux-pro/v1.1')],
        none,
      ),
    ).toEqual([]);
    // Prompts are fitted to one limit: a fallback counting characters cannot follow one counting T5 tokens.
    expect(
      modelChainProblems(
        [profile('fal-ai/flux-pro/kontext/text-to-image'), profile('fal-ai/recraft/v3/text-to-image')],
        none,
      ),
    ).toEqual([
      "FAL_FALLBACK_MODELS: fal-ai/recraft/v3/text-to-image cannot take over fal-ai/flux-pro/kontext/text-to-image's requests: its prompt limit is in characters, fal-ai/flux-pro/kontext/text-to-image's in T5 tokens; use fallbacks that count alike",
    ]);
  });

  it('fits prompts to the strictest budget of each unit across the chain', () => {
    const chain = ['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/recraft/v3/text-to-image'].map(profile);
    expect(promptBudgetsFor(chain)).toEqual([
      { unit: 't5-tokens', max: 256 },
      { unit: 'characters', max: 1000 },
    ]);
    expect(promptBudgetsFor([profile('fal-ai/flux/dev')])).toEqual([{ unit: 't5-tokens', max: 512 }]);
  });
});
