import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Requester } from '../../../../src/core/types.js';
import { hostileParams, hostileString, isClearUserError, nonString } from './hostile-values.js';
import { type InMemoryCore, startInMemoryCore } from './in-memory-core.js';

let core: InMemoryCore;
beforeAll(async () => {
  core = await startInMemoryCore();
});
afterAll(async () => {
  await core?.close();
});

const requester: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'mallory' };

const seeds = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 ** 31 - 1 }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ max: -1 }),
      fc.integer({ min: 0, max: 1_000_000 }).map((n) => 2 ** 31 + n),
      fc.double({ noInteger: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0.5),
    ),
  },
  { weight: 1, arbitrary: nonString },
);

describe('bad input: service.request and the database', () => {
  it('records exactly one job for valid input and nothing at all for anything else', async () => {
    await fc.assert(
      fc.asyncProperty(hostileParams(core.catalogs), seeds, async (params, seed) => {
        const before = await core.counts();
        let created = false;
        try {
          await core.service.request({ requester, params: params as never, seed: seed as never });
          created = true;
        } catch (error) {
          if (!isClearUserError(error)) throw error;
        }
        const after = await core.counts();
        if (created) {
          expect(after.generations).toBe(before.generations + 1);
        } else {
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('stores hostile text verbatim as data: the schema and other rows are untouched', async () => {
    const before = await core.counts();
    const extra = "Robert'); DROP TABLE generations; -- <script>{character}</script>";
    const job = await core.service.request({
      requester: { ...requester, userId: "o'hara\u202e" },
      params: { catalogId: 'capitao-caverna', options: {}, extra },
    });
    expect(job.extra).toBe(extra);
    expect(await core.service.get(job.id)).toMatchObject({ extra, userId: "o'hara\u202e" });
    expect((await core.counts()).generations).toBe(before.generations + 1);
    const tables = await core.database.client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('generations', 'prompt_cache')",
    );
    expect(tables.rows).toHaveLength(2);
  });

  it('refuses bad sequence input with a UserError and records no frame', async () => {
    await fc.assert(
      fc.asyncProperty(hostileParams(core.catalogs), seeds, async (params, seed) => {
        const before = await core.counts();
        try {
          await core.service.sequence(requester, params as never, seed as never);
        } catch (error) {
          if (!isClearUserError(error)) throw error;
          expect(await core.counts()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses re-rolls of unknown ids and attaching messages to them, without writing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), async (id) => {
        const before = await core.counts();
        await expect(core.service.reroll(id, requester)).rejects.toMatchObject({ code: 'not_found' });
        await expect(core.service.attachMessage(id, 'm1')).rejects.toMatchObject({ code: 'not_found' });
        expect(await core.counts()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});
