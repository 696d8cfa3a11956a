import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, GenerationRepository, HistoryQuery, Platform } from '../../../src/core/types.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { doneFields, newGenerationInput, openTestDatabase } from './db-fixtures.js';

const STYLES = ['noir', 'pop', 'watercolor'];
const POSES = ['standing', 'sitting'];

describe('generation history', () => {
  let dispose: () => Promise<void>;
  let repo: GenerationRepository;
  const all: Generation[] = [];

  /** The expected answer, computed in plain code from everything that was written. */
  function expected(query: HistoryQuery) {
    const status = query.status ?? 'done';
    const matching = all
      .filter(
        (g) =>
          g.status === status &&
          (query.userId === undefined || g.userId === query.userId) &&
          (query.platform === undefined || g.platform === query.platform) &&
          (query.workspaceId === undefined || g.workspaceId === query.workspaceId) &&
          (query.catalogId === undefined || g.catalogId === query.catalogId) &&
          Object.entries(query.filters ?? {}).every(([d, o]) => g.options[d] === o),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    return {
      ids: matching.slice(query.offset, query.offset + query.limit).map((g) => g.id),
      total: matching.length,
    };
  }

  async function check(query: HistoryQuery) {
    const page = await repo.history(query);
    expect({ ids: page.items.map((g) => g.id), total: page.total }).toEqual(expected(query));
    return page;
  }

  beforeAll(async () => {
    const opened = await openTestDatabase('memory');
    dispose = opened.dispose;
    repo = createGenerationRepository(opened.database.db);
    const users: [Platform, string, string][] = [
      ['discord', 'u1', 'guild-a'],
      ['discord', 'u2', 'guild-a'],
      ['slack', 'u1', 'T-b'],
      ['slack', 'u1', 'T-c'],
    ];
    let at = 1_700_000_000_000;
    for (let i = 0; i < 120; i++) {
      const [platform, userId, workspaceId] = users[i % users.length]!;
      at += 1000;
      const created = await repo.create(
        newGenerationInput({
          platform,
          userId,
          workspaceId,
          catalogId: i % 5 === 0 ? 'other' : 'acme',
          options: { style: STYLES[i % 3]!, pose: POSES[Math.floor(i / 3) % 2]! },
          createdAt: at,
        }),
      );
      // Roughly one in seven is not done: failed, blocked or still running.
      const status = i % 7 === 3 ? 'failed' : i % 7 === 5 ? 'generating' : i % 11 === 4 ? 'blocked' : 'done';
      all.push(await repo.update(created.id, status === 'done' ? doneFields(created.id, at) : { status }));
    }
  });
  afterAll(() => dispose());

  it("lists a user's done results newest first with the total", async () => {
    const page = await check({ userId: 'u1', platform: 'discord', limit: 5, offset: 0 });
    expect(page.items).toHaveLength(5);
    expect(
      page.items.every((g) => g.status === 'done' && g.userId === 'u1' && g.platform === 'discord'),
    ).toBe(true);
    const times = page.items.map((g) => g.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('returns whole records, every field as written', async () => {
    const page = await check({ userId: 'u1', platform: 'slack', limit: 100, offset: 0 });
    const byId = new Map(all.map((g) => [g.id, g]));
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(item).toEqual(byId.get(item.id));
  });

  it('with countLimit, counts at most that many past the offset and says there are more', async () => {
    const base = { userId: 'u1', platform: 'discord' as const, limit: 3 };
    const exact = expected({ ...base, offset: 0 }).total;
    expect(exact).toBeGreaterThan(8);
    for (const [offset, countLimit] of [
      [0, 5],
      [4, 5],
      [0, exact],
      [0, exact - 1],
      [2, 1000],
    ] as const) {
      const page = await repo.history({ ...base, offset, countLimit });
      const stop = offset + countLimit;
      expect(page.items.map((g) => g.id)).toEqual(expected({ ...base, offset }).ids);
      expect({ total: page.total, more: page.more ?? false }).toEqual(
        exact > stop ? { total: stop, more: true } : { total: exact, more: false },
      );
    }
    const filtered = { ...base, filters: { style: 'noir' }, offset: 0 };
    const filteredTotal = expected(filtered).total;
    expect(filteredTotal).toBeGreaterThan(2);
    expect(await repo.history({ ...filtered, countLimit: 2 })).toMatchObject({ total: 2, more: true });
    expect(await repo.history({ ...filtered, countLimit: 50 })).toMatchObject({ total: filteredTotal });
  });

  it('pages through without gaps or repeats', async () => {
    const query = { userId: 'u1', platform: 'discord' as const, limit: 4, offset: 0 };
    const seen: string[] = [];
    for (let offset = 0; ; offset += 4) {
      const page = await check({ ...query, offset });
      if (page.items.length === 0) break;
      seen.push(...page.items.map((g) => g.id));
    }
    expect(seen).toEqual(expected({ ...query, limit: 1000 }).ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('returns an empty page past the end, with the real total', async () => {
    const page = await check({ userId: 'u2', platform: 'discord', limit: 10, offset: 500 });
    expect(page.items).toEqual([]);
    expect(page.total).toBeGreaterThan(0);
  });

  it('filters by one dimension', async () => {
    await check({ userId: 'u1', platform: 'discord', filters: { style: 'noir' }, limit: 50, offset: 0 });
    await check({ userId: 'u1', platform: 'slack', filters: { pose: 'sitting' }, limit: 3, offset: 2 });
  });

  it('ANDs several dimension filters', async () => {
    const page = await check({
      userId: 'u1',
      platform: 'slack',
      filters: { style: 'pop', pose: 'standing' },
      limit: 50,
      offset: 0,
    });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((g) => g.options.style === 'pop' && g.options.pose === 'standing')).toBe(true);
    await check({
      userId: 'u1',
      platform: 'slack',
      filters: { style: 'pop', pose: 'nope' },
      limit: 50,
      offset: 0,
    });
    await check({
      userId: 'u1',
      platform: 'slack',
      filters: { style: 'pop', mood: 'calm' },
      limit: 50,
      offset: 0,
    });
  });

  it('scopes by platform, workspace and catalog', async () => {
    const slack = await check({ userId: 'u1', platform: 'slack', limit: 100, offset: 0 });
    const slackB = await check({
      userId: 'u1',
      platform: 'slack',
      workspaceId: 'T-b',
      limit: 100,
      offset: 0,
    });
    expect(slackB.total).toBeGreaterThan(0);
    expect(slackB.total).toBeLessThan(slack.total);
    await check({
      userId: 'u1',
      platform: 'slack',
      workspaceId: 'T-c',
      filters: { style: 'noir' },
      limit: 100,
      offset: 0,
    });
    await check({ userId: 'u1', platform: 'discord', catalogId: 'other', limit: 100, offset: 0 });
    await check({
      userId: 'u1',
      platform: 'discord',
      catalogId: 'acme',
      filters: { pose: 'sitting' },
      limit: 9,
      offset: 1,
    });
    await check({ userId: 'u1', limit: 100, offset: 0 });
    await check({ platform: 'discord', limit: 7, offset: 3 });
    await check({ limit: 10, offset: 0, filters: { style: 'watercolor' } });
  });

  it('pages through records created in the same millisecond in one stable order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await repo.create(newGenerationInput({ userId: 'tie', createdAt: 1_800_000_000_000 }));
      await repo.update(created.id, { status: 'done' });
      ids.push(created.id);
    }
    for (const filters of [undefined, { style: 'noir' }]) {
      const query = {
        userId: 'tie',
        platform: 'discord' as const,
        limit: 2,
        ...(filters ? { filters } : {}),
      };
      const pages = await Promise.all([0, 2, 4].map((offset) => repo.history({ ...query, offset })));
      expect(pages.flatMap((p) => p.items.map((g) => g.id))).toEqual([...ids].sort().reverse());
    }
  });

  it('leaves out results that are not done unless a status is asked for', async () => {
    const done = await check({ userId: 'u2', platform: 'discord', limit: 100, offset: 0 });
    expect(done.items.every((g) => g.status === 'done')).toBe(true);
    const failed = await check({
      userId: 'u2',
      platform: 'discord',
      status: 'failed',
      limit: 100,
      offset: 0,
    });
    expect(failed.total).toBeGreaterThan(0);
    expect(failed.items.every((g) => g.status === 'failed')).toBe(true);
    await check({
      userId: 'u1',
      platform: 'discord',
      status: 'generating',
      filters: { style: 'pop' },
      limit: 100,
      offset: 0,
    });
  });
});
