import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewGeneration } from '../../../src/core/types.js';
import type { Database } from '../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { doneFields, newGenerationInput, openTestDatabase } from './db-fixtures.js';

// What adapters keep to edit the reply later: a Discord interaction token is about 180 characters,
// a Slack response_url about 90.
const discord: Partial<NewGeneration> = {
  platform: 'discord',
  messageId: '1309876543210987655',
  replyRef: JSON.stringify({ token: `aW50ZXJhY3Rpb246MTMwOTg3NjU0MzIxMDk4NzY1NDp${'x'.repeat(140)}` }),
};
const slack: Partial<NewGeneration> = {
  platform: 'slack',
  workspaceId: 'T04ABCDEF12',
  channelId: 'C05GHIJKL34',
  userId: 'U06MNOPQR56',
  messageId: '1732190000.123456',
  replyRef: JSON.stringify({
    responseUrl: 'https://hooks.slack.com/actions/T04ABCDEF12/8012345678901/Zq3xY7wV9uT1sR5pO2nM4lK6',
  }),
};

describe('stored record size', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase('memory'));
  });
  afterAll(() => dispose());

  /** Bytes of every column as text or blob (integers count their digits, an overestimate). */
  async function columnBytes(id: string): Promise<number> {
    const columns = await database.client.execute("SELECT name FROM pragma_table_info('generations')");
    const sum = columns.rows.map((c) => `coalesce(length(CAST("${String(c.name)}" AS BLOB)), 0)`).join(' + ');
    const result = await database.client.execute({
      sql: `SELECT ${sum} AS n FROM generations WHERE id = ?`,
      args: [id],
    });
    return Number(result.rows[0]!.n);
  }

  it.each([
    ['Discord', discord],
    ['Slack', slack],
  ])('keeps a typical finished %s record under 1 KB', async (_, where) => {
    await database.client.execute('DELETE FROM generations');
    const repo = createGenerationRepository(database.db);
    const created = await repo.create(
      newGenerationInput({
        ...where,
        options: {
          style: 'watercolor',
          pose: 'hands-on-hips',
          outfit: 'denim-jacket',
          footwear: 'high-top-sneakers',
          setting: 'rooftop-garden',
        },
        aspect: 'portrait',
        promptHash: 'c0ffee'.repeat(11).slice(0, 64),
        seed: 2_147_483_647,
      }),
    );
    await repo.update(created.id, { ...doneFields(created.id, created.createdAt), statusDetail: 'stored' });

    const bytes = await columnBytes(created.id);
    // The exact record as SQLite stores it (header and all), from the table's b-tree pages.
    const stored = await database.client.execute(
      "SELECT sum(payload) AS n FROM dbstat WHERE name = 'generations'",
    );
    expect(bytes).toBeGreaterThan(600); // the measurement does see the realistic fields
    expect(bytes).toBeLessThan(1024);
    expect(Number(stored.rows[0]!.n)).toBeLessThan(1024);
  });
});
