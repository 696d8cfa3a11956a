import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LibsqlServerEmulator,
  startLibsqlServerEmulator,
} from '../../../sandbox/libsql/libsql-emulator.js';
import type { Clock } from '../../../src/core/ports.js';
import { type Database, migrateDatabase, openDatabase } from '../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { createPromptCacheRepository } from '../../../src/infra/db/prompt-cache-repository.js';
import { MIGRATIONS_DIR } from '../../../src/paths.js';
import { doneFields, newGenerationInput, silentLog } from '../db/db-fixtures.js';

const TOKEN = 'remote-token';

const journalHashes = async () => {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.length;
};

const appliedMigrations = async (database: Database) =>
  Number((await database.client.execute('SELECT count(*) AS n FROM __drizzle_migrations')).rows[0]?.n);

function steppingClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('openDatabase against a remote libSQL server (Hrana over HTTP)', () => {
  let emu: LibsqlServerEmulator;
  const opened: Database[] = [];
  /** `null` opens without a token. */
  const open = async (url = emu.url, authToken: string | null = TOKEN) => {
    const database = await openDatabase({ url, authToken: authToken ?? undefined, log: silentLog });
    opened.push(database);
    return database;
  };

  beforeEach(async () => {
    emu = await startLibsqlServerEmulator({ authToken: TOKEN });
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) database.close();
    await emu.close();
  });

  it('applies the real migrations over the wire, once, and reports nothing to do the second time', async () => {
    const total = await journalHashes();
    expect(await migrateDatabase({ url: emu.url, authToken: TOKEN, log: silentLog })).toEqual({
      applied: total,
      total,
    });
    expect(await migrateDatabase({ url: emu.url, authToken: TOKEN, log: silentLog })).toEqual({
      applied: 0,
      total,
    });
    const database = await open();
    const tables = await database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['generations', 'generation_options', 'prompt_cache']),
    );
    expect(await appliedMigrations(database)).toBe(total);
    // It all went through the server's HTTP API, with the migration batch as one pipeline.
    expect(emu.stats().requests.batch).toBeGreaterThan(0);
    await database.check();
  });

  it('runs the generation repository: create, update returning, history filters, unfinished, reusable', async () => {
    const clock = steppingClock(1_700_000_000_000);
    const repo = createGenerationRepository((await open()).db, clock);
    const queued = await repo.create(newGenerationInput({ messageId: 'm-1' }));
    clock.advance(1000);
    const pop = await repo.create(
      newGenerationInput({ options: { style: 'pop', pose: 'sitting' }, seed: 7 }),
    );
    clock.advance(1000);
    const updated = await repo.update(pop.id, { ...doneFields(pop.id, clock.now()), status: 'done' });
    expect(updated).toMatchObject({ id: pop.id, status: 'done', width: 1024, updatedAt: clock.now() });
    expect(await repo.get(pop.id)).toEqual(updated);
    expect((await repo.findByMessage('discord', 'm-1'))?.id).toBe(queued.id);

    expect((await repo.findUnfinished()).map((g) => g.id)).toEqual([queued.id]);
    expect((await repo.findReusable(pop.promptHash, pop.model, 7))?.id).toBe(pop.id);
    expect(await repo.findReusable(pop.promptHash, pop.model, 8)).toBeUndefined();

    const history = await repo.history({
      userId: pop.userId,
      filters: { style: 'pop' },
      limit: 10,
      offset: 0,
    });
    expect({ ids: history.items.map((g) => g.id), total: history.total }).toEqual({
      ids: [pop.id],
      total: 1,
    });
    const none = await repo.history({ userId: pop.userId, filters: { style: 'noir' }, limit: 10, offset: 0 });
    expect(none.total).toBe(0);
    const queuedOnly = await repo.history({ userId: pop.userId, status: 'queued', limit: 10, offset: 0 });
    expect(queuedOnly.items.map((g) => g.id)).toEqual([queued.id]);
    await expect(repo.update('missing', { status: 'failed' })).rejects.toThrow(/missing/);
  });

  it('runs the prompt cache repository, counting hits on conflict', async () => {
    let now = 1_700_000_000_000;
    const cache = createPromptCacheRepository((await open()).db, { now: () => now, sleep: async () => {} });
    const entry = { hash: 'c'.repeat(64), catalogId: 'acme', prompt: 'p', negativePrompt: 'n', params: '{}' };
    expect(await cache.get(entry.hash)).toBeUndefined();
    await cache.put(entry);
    now += 10;
    await cache.put({ ...entry, prompt: 'other' });
    expect(await cache.get(entry.hash)).toEqual({ ...entry, createdAt: now - 10, hits: 1 });
  });

  it('enforces foreign keys remotely without any PRAGMA (libSQL builds them on by default)', async () => {
    const database = await open();
    await expect(
      database.client.execute(
        "INSERT INTO generation_options VALUES ('ghost', 'style', 'noir', 'u', 'discord', 'w', 'c', 'done', 1)",
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('works with a libsql:// URL and ?tls=0', async () => {
    const database = await open(emu.libsqlUrl);
    const created = await createGenerationRepository(database.db).create(newGenerationInput());
    const again = await open(emu.url);
    expect((await createGenerationRepository(again.db).get(created.id))?.id).toBe(created.id);
  });

  it('says which setting to fix when the token is wrong or missing, or the server is unreachable', async () => {
    for (const token of ['wrong', null]) {
      await expect(open(emu.url, token)).rejects.toThrow(
        /libSQL server at http:\/\/127\.0\.0\.1:\d+ refused the credentials \(HTTP 401\): check DATABASE_AUTH_TOKEN/,
      );
    }
    const stopped = await startLibsqlServerEmulator();
    const url = `${stopped.url}?authToken=do-not-print`;
    await stopped.close();
    const failure = open(url);
    await expect(failure).rejects.toThrow(
      /cannot reach the libSQL server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    await expect(failure).rejects.not.toThrow(/do-not-print/);
  });

  it('lets several processes start at once on a fresh database: one migrates, none fails, no double apply', async () => {
    const total = await journalHashes();
    const databases = await Promise.all([open(), open(), open(), open()]);
    for (const database of databases) await database.check();
    expect(await appliedMigrations(databases[0]!)).toBe(total);
  });
});
