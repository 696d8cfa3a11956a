import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromptCacheRepository } from '../../../src/core/types.js';
import { createPromptCacheRepository } from '../../../src/infra/db/prompt-cache-repository.js';
import { openTestDatabase } from './db-fixtures.js';

describe('prompt cache repository', () => {
  let dispose: () => Promise<void>;
  let cache: PromptCacheRepository;
  let now = 1_700_000_000_000;

  beforeEach(async () => {
    const opened = await openTestDatabase('memory');
    dispose = opened.dispose;
    cache = createPromptCacheRepository(opened.database.db, { now: () => now, sleep: async () => {} });
  });
  afterEach(() => dispose());

  const entry = {
    hash: 'f'.repeat(64),
    catalogId: 'acme',
    prompt: 'a noir portrait of the mascot, standing, studio light',
    negativePrompt: 'blurry, extra limbs',
    params: '{"catalogId":"acme","options":{"style":"noir"}}',
  };

  it('stores an entry with no hits and reads it back', async () => {
    expect(await cache.get(entry.hash)).toBeUndefined();
    await cache.put(entry);
    expect(await cache.get(entry.hash)).toEqual({ ...entry, createdAt: now, hits: 0 });
  });

  it('counts a hit on each later put and keeps the first entry', async () => {
    await cache.put(entry);
    now += 5000;
    await cache.put({ ...entry, prompt: 'changed' });
    await cache.put(entry);
    const stored = await cache.get(entry.hash);
    expect(stored).toMatchObject({ hits: 2, createdAt: now - 5000, prompt: entry.prompt });
  });

  it('counts hits per hash', async () => {
    await cache.put(entry);
    await cache.put({ ...entry, hash: 'e'.repeat(64) });
    await cache.put(entry);
    expect((await cache.get(entry.hash))?.hits).toBe(1);
    expect((await cache.get('e'.repeat(64)))?.hits).toBe(0);
  });
});
