import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import { CatalogBudgetError } from '../../../src/core/prompt/check-budget.js';
import type { Requester } from '../../../src/core/types.js';
import { createT5TokenCounter } from '../../../src/infra/tokenizer/t5-token-counter.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
const PIZZA = 'holding a slice of pepperoni pizza';

describe('prompts fitted to the model', () => {
  let f: CoreFixture;
  beforeAll(async () => {
    f = await startCoreFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('sends the model a prompt within its budget, with the person’s text, and records what it took', async () => {
    const { service } = f.core;
    const requested = await service.request({
      requester: alice,
      params: {
        catalogId: 'capitao-caverna',
        options: { style: 'comic-book', pose: 'flexing' },
        extra: PIZZA,
      },
    });
    const done = await service.waitFor(requested.id);
    expect(done.status).toBe('done');
    const [sent] = Object.keys(f.fal.stats().submitsByPrompt);
    expect(sent).toContain(`${PIZZA}.`);
    const tokens = createT5TokenCounter().count(sent!, 't5-tokens');
    expect(tokens).toBeLessThanOrEqual(256);
    expect(done.promptTokens).toBe(tokens);
    expect(done.promptFit).toMatchObject({ budget: { unit: 't5-tokens', max: 256 }, lora: false });
    expect(done.promptFit!.dropped.length + done.promptFit!.condensed.length).toBeGreaterThan(0);
    // A restarted process reads the same record back.
    const again = await (await f.restart()).generations.get(done.id);
    expect(again).toMatchObject({ promptTokens: tokens, promptFit: done.promptFit });
  });

  it('refuses a person’s text the model would not read in full (too many T5 tokens in 89 characters)', async () => {
    const dense = Array.from({ length: 45 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(',');
    await expect(
      f.core.service.request({
        requester: alice,
        params: { catalogId: 'capitao-caverna', options: {}, extra: dense },
      }),
    ).rejects.toMatchObject({ code: 'text_too_long' });
  });
});

describe('starting with a model the catalogs do not fit', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-budget-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stops start-up naming the catalog, the budget and a combination that does not fit', async () => {
    const config = parseConfig({
      FAL_KEY: 'test-key',
      DATABASE_URL: `file:${join(dir, 'atelier.db')}`,
      STORAGE_DIR: join(dir, 'media'),
    });
    const error = await createCore(config, pino({ level: 'silent' }), {
      promptBudget: { unit: 't5-tokens', max: 200 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogBudgetError);
    expect((error as Error).message).toMatch(
      /^Catalog capitao-caverna does not fit the model's prompt budget \(200 T5 tokens\): style=[a-z0-9-]+, pose=[a-z0-9-]+, outfit=[a-z0-9-]+, footwear=[a-z0-9-]+, prop=[a-z0-9-]+, frame=[a-z0-9-]+ with the longest extra text allowed needs \d+/m,
    );
    expect((error as Error).message).toMatch(/^Catalog cosmic-threads does not fit/m);
  });
});
