import type { Client, InArgs, InStatement } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRepository, HistoryQuery } from '../../../src/core/types.js';
import type { Database } from '../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { schema } from '../../../src/infra/db/schema.js';
import { openTestDatabase } from './db-fixtures.js';

interface Recorded {
  sql: string;
  args: InArgs;
}

/** The real client, recording every statement the repository sends (execute and batch alike). */
function recording(client: Client, log: Recorded[]): Client {
  const record = (stmt: InStatement, args?: InArgs) => {
    if (typeof stmt === 'string') log.push({ sql: stmt, args: args ?? [] });
    else log.push({ sql: stmt.sql, args: stmt.args ?? [] });
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'execute')
        return (stmt: InStatement, args?: InArgs) => {
          record(stmt, args);
          return target.execute(stmt as never, args as never);
        };
      if (prop === 'batch')
        return (stmts: InStatement[], mode?: never) => {
          for (const s of stmts) record(s);
          return target.batch(stmts, mode);
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('query plans', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let repo: GenerationRepository;
  const log: Recorded[] = [];

  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase('file'));
    repo = createGenerationRepository(drizzle(recording(database.client, log), { schema }));
  });
  afterAll(() => dispose());

  /** The plan lines of every SELECT one repository call sent. */
  async function plansOf(call: () => Promise<unknown>): Promise<string[][]> {
    log.length = 0;
    await call();
    const selects = log.filter((q) => /^\s*select/i.test(q.sql));
    expect(selects.length).toBeGreaterThan(0);
    return Promise.all(
      selects.map(async (q) => {
        const plan = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${q.sql}`, args: q.args });
        return plan.rows.map((r) => String(r.detail));
      }),
    );
  }

  // `counted` is the capped count's own bounded subquery (countLimit), not a table.
  const noFullScan = (lines: string[]) =>
    expect(lines.filter((l) => /^SCAN /.test(l) && l !== 'SCAN counted')).toEqual([]);
  /** The line naming the access path (a capped count opens with its subquery's CO-ROUTINE line). */
  const accessOf = (lines: string[]) => lines.find((l) => !l.startsWith('CO-ROUTINE'));
  const noFullSort = (lines: string[]) => expect(lines).not.toContain('USE TEMP B-TREE FOR ORDER BY');

  const historyCases: [string, HistoryQuery, RegExp][] = [
    [
      'a user on a platform',
      { userId: 'u', platform: 'discord', limit: 20, offset: 40 },
      /generations_history_idx/,
    ],
    ['a user anywhere', { userId: 'u', limit: 20, offset: 0 }, /generations_history_idx/],
    [
      'a user in a workspace and catalog',
      { userId: 'u', platform: 'slack', workspaceId: 'T1', catalogId: 'acme', limit: 20, offset: 0 },
      /generations_history_idx/,
    ],
    [
      'one dimension filter',
      { userId: 'u', platform: 'discord', filters: { style: 'noir' }, limit: 20, offset: 0 },
      /generation_options_user_idx/,
    ],
    [
      'three dimension filters and a catalog',
      {
        userId: 'u',
        platform: 'discord',
        catalogId: 'acme',
        filters: { style: 'noir', pose: 'standing', outfit: 'suit' },
        limit: 20,
        offset: 0,
      },
      /generation_options_user_idx/,
    ],
    [
      'failed jobs of a user',
      { userId: 'u', platform: 'discord', status: 'failed', limit: 20, offset: 0 },
      /generations_history_idx/,
    ],
    ['everyone, newest first', { limit: 20, offset: 0 }, /generations_status_created_idx/],
    [
      'a gallery page with a capped total',
      { userId: 'u', platform: 'discord', workspaceId: 'G1', limit: 24, offset: 48, countLimit: 10_000 },
      /generations_history_idx/,
    ],
    [
      'a filtered gallery page with a capped total',
      {
        userId: 'u',
        platform: 'discord',
        workspaceId: 'G1',
        catalogId: 'acme',
        filters: { style: 'noir', pose: 'standing' },
        limit: 24,
        offset: 0,
        countLimit: 10_000,
      },
      /generation_options_user_idx/,
    ],
  ];

  it.each(historyCases)(
    'history of %s reads an index, in order, and never scans a table',
    async (_, query, index) => {
      const [page, total] = await plansOf(() => repo.history(query));
      for (const lines of [page!, total!]) {
        noFullScan(lines);
        noFullSort(lines);
        expect(accessOf(lines)).toMatch(index);
      }
    },
  );

  it('the history count, scoped to a workspace as the gallery asks, is answered from the index alone', async () => {
    const scope = { userId: 'u', platform: 'discord', workspaceId: 'G1', limit: 1, offset: 0 } as const;
    const [, total] = await plansOf(() => repo.history({ ...scope, filters: { style: 'a' } }));
    expect(total).toEqual([
      expect.stringMatching(/^SEARCH o0 USING COVERING INDEX generation_options_user_idx/),
    ]);
    const [, plain] = await plansOf(() => repo.history(scope));
    expect(plain).toEqual([
      expect.stringMatching(/^SEARCH generations USING COVERING INDEX generations_history_idx/),
    ]);
    const [, capped] = await plansOf(() => repo.history({ ...scope, catalogId: 'acme', countLimit: 100 }));
    expect(capped).toEqual([
      'CO-ROUTINE counted',
      expect.stringMatching(/^SEARCH generations USING COVERING INDEX generations_history_idx/),
      'SCAN counted',
    ]);
  });

  it.each<[string, () => Promise<unknown>, RegExp]>([
    ['findByMessage', () => repo.findByMessage('discord', 'm'), /generations_message_idx/],
    ['findReusable', () => repo.findReusable('h', 'm', 1), /generations_reuse_idx/],
    ['findUnfinished', () => repo.findUnfinished(), /generations_status_created_idx \(status=\?\)/],
    ['findUnshownFinals', () => repo.findUnshownFinals(0, 100), /generations_unshown_idx \(updated_at>\?\)/],
    ['examples', () => repo.examples('acme', 'style'), /generations_examples_idx/],
    ['recentDurations', () => repo.recentDurations(20), /generations_status_created_idx/],
    ['get', () => repo.get('id'), /sqlite_autoindex_generations_1/],
  ])('%s reads its index and never scans a table', async (_, call, index) => {
    const plans = await plansOf(call);
    for (const lines of plans) {
      noFullScan(lines);
      expect(lines[0]).toMatch(index);
    }
  });
});
