import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Generation,
  GenerationRepository,
  GenerationStatus,
  HistoryQuery,
} from '../../../src/core/types.js';
import { insertGenerations } from '../../../src/infra/db/bulk-insert.js';
import { newGeneration } from '../../../src/infra/db/generation-mapping.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { doneFields, newGenerationInput, openTestDatabase } from './db-fixtures.js';

const RECORDS = 50_000;
const STYLES = Array.from({ length: 12 }, (_, i) => `style-${i}`);
const POSES = Array.from({ length: 6 }, (_, i) => `pose-${i}`);
const OUTFITS = Array.from({ length: 8 }, (_, i) => `outfit-${i}`);

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('history at scale (50,000 records)', () => {
  let dispose: () => Promise<void>;
  let repo: GenerationRepository;
  const all: Generation[] = [];

  beforeAll(async () => {
    const opened = await openTestDatabase('file');
    dispose = opened.dispose;
    repo = createGenerationRepository(opened.database.db);
    const rnd = random(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    let at = 1_700_000_000_000;
    for (let i = 0; i < RECORDS; i++) {
      // A quarter of the records belong to one heavy user; the rest spread over 500 users.
      const user = rnd() < 0.25 ? 'heavy' : `user-${Math.floor(rnd() * 500)}`;
      at += Math.floor(rnd() * 3); // same-millisecond neighbours happen
      const id = `g-${String(i).padStart(6, '0')}`;
      const base = newGeneration(
        newGenerationInput({
          id,
          userId: user,
          platform: user.endsWith('7') ? 'slack' : 'discord',
          catalogId: rnd() < 0.9 ? 'acme' : 'other',
          options: { style: pick(STYLES), pose: pick(POSES), outfit: pick(OUTFITS), setting: 'studio' },
          createdAt: at,
        }),
        at,
        () => id,
      );
      const roll = rnd();
      const status: GenerationStatus =
        roll < 0.9 ? 'done' : roll < 0.95 ? 'failed' : roll < 0.97 ? 'blocked' : 'queued';
      all.push(status === 'done' ? { ...base, ...doneFields(id, at) } : { ...base, status });
    }
    await insertGenerations(opened.database.db, all);
  });
  afterAll(() => dispose());

  function expected(query: HistoryQuery) {
    const status = query.status ?? 'done';
    const matching = all
      .filter(
        (g) =>
          g.status === status &&
          (query.userId === undefined || g.userId === query.userId) &&
          (query.platform === undefined || g.platform === query.platform) &&
          (query.catalogId === undefined || g.catalogId === query.catalogId) &&
          Object.entries(query.filters ?? {}).every(([d, o]) => g.options[d] === o),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    return {
      ids: matching.slice(query.offset, query.offset + query.limit).map((g) => g.id),
      total: matching.length,
    };
  }

  it.each<[string, HistoryQuery]>([
    ['the heavy user, first page', { userId: 'heavy', platform: 'discord', limit: 20, offset: 0 }],
    ['the heavy user, deep page', { userId: 'heavy', platform: 'discord', limit: 20, offset: 5000 }],
    [
      'the heavy user by style',
      { userId: 'heavy', platform: 'discord', filters: { style: 'style-3' }, limit: 20, offset: 0 },
    ],
    [
      'the heavy user by style, pose and outfit in one catalog, second page',
      {
        userId: 'heavy',
        platform: 'discord',
        catalogId: 'acme',
        filters: { style: 'style-3', pose: 'pose-1', outfit: 'outfit-5' },
        limit: 10,
        offset: 10,
      },
    ],
    [
      'a light user by pose',
      { userId: 'user-42', platform: 'discord', filters: { pose: 'pose-2' }, limit: 20, offset: 0 },
    ],
    ['a Slack user', { userId: 'user-17', platform: 'slack', limit: 20, offset: 0 }],
    [
      'failed jobs of the heavy user by style',
      {
        userId: 'heavy',
        platform: 'discord',
        status: 'failed',
        filters: { style: 'style-0' },
        limit: 20,
        offset: 0,
      },
    ],
  ])('%s', async (_, query) => {
    const page = await repo.history(query);
    const want = expected(query);
    expect(want.total).toBeGreaterThan(0);
    expect({ ids: page.items.map((g) => g.id), total: page.total }).toEqual(want);
  });

  it('still finds exactly the unfinished jobs, oldest first', async () => {
    const unfinished = await repo.findUnfinished();
    expect(unfinished.map((g) => g.id)).toEqual(all.filter((g) => g.status === 'queued').map((g) => g.id));
  });
});
