import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../../src/infra/db/database.js';
import { databaseFilePath, databaseKind } from '../../../src/infra/db/database-url.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { MIGRATIONS_DIR } from '../../../src/paths.js';
import { newGenerationInput, silentLog } from './db-fixtures.js';

const migrationCount = async () =>
  (
    JSON.parse(await readFile(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;

describe('openDatabase', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-open-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the folder, applies every migration once, and keeps data across opens', async () => {
    const url = `file:${join(dir, 'a', 'b', 'atelier.db')}`;
    const total = await migrationCount();
    expect(total).toBeGreaterThan(0);
    expect(await migrateDatabase({ url, log: silentLog })).toEqual({ applied: total, total });
    expect((await stat(join(dir, 'a', 'b', 'atelier.db'))).isFile()).toBe(true);

    const first = await openDatabase({ url, log: silentLog });
    const created = await createGenerationRepository(first.db).create(newGenerationInput());
    first.close();

    expect(await migrateDatabase({ url, log: silentLog })).toEqual({ applied: 0, total });
    const second = await openDatabase({ url, log: silentLog });
    expect((await createGenerationRepository(second.db).get(created.id))?.id).toBe(created.id);
    second.close();
  });

  it('an upgrade to final_shown_at counts jobs finished before it as shown and leaves unfinished ones', async () => {
    // The migrations up to 0004, as a database made before 0005 has them.
    const older = join(dir, 'migrations-0004');
    await cp(MIGRATIONS_DIR, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    const upTo = journal.entries.findIndex((e) => e.tag.startsWith('0004_'));
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo + 1) }));
    const url = `file:${join(dir, 'upgrade.db')}`;
    await migrateDatabase({ url, log: silentLog, migrationsDir: older });
    const before = await openDatabase({ url, log: silentLog, migrationsDir: older });
    const insert = (id: string, status: string) =>
      before.client.execute({
        sql: `INSERT INTO generations (id, created_at, updated_at, platform, workspace_id, channel_id, user_id,
                message_id, catalog_id, options, aspect, prompt_hash, seed, model, status)
              VALUES (?, 1, 2, 'slack', 'T1', 'C1', 'U1', ?, 'acme', '{}', 'square', 'h', 1, 'm', ?)`,
        args: [id, `msg-${id}`, status],
      });
    for (const [id, status] of [
      ['a', 'done'],
      ['b', 'failed'],
      ['c', 'blocked'],
      ['d', 'generating'],
    ])
      await insert(id!, status!);
    before.close();

    await migrateDatabase({ url, log: silentLog });
    const after = await openDatabase({ url, log: silentLog });
    const rows = await after.client.execute('SELECT id, final_shown_at FROM generations ORDER BY id');
    expect(rows.rows.map((r) => [r.id, r.final_shown_at])).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 2],
      ['d', null],
    ]);
    expect(await createGenerationRepository(after.db).findUnshownFinals(0, 10)).toEqual([]);
    after.close();
  });

  it('accepts file:/// URLs', async () => {
    const database = await openDatabase({ url: `file://${join(dir, 'x', 'y.db')}`, log: silentLog });
    await database.check();
    database.close();
    expect((await stat(join(dir, 'x', 'y.db'))).isFile()).toBe(true);
  });

  it('sets WAL, NORMAL sync, a busy timeout, foreign keys and a 64 MB cache on an embedded file', async () => {
    const database = await openDatabase({ url: `file:${join(dir, 'p.db')}`, log: silentLog });
    const pragma = async (name: string) =>
      Object.values((await database.client.execute(`PRAGMA ${name}`)).rows[0]!)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(500);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('cache_size')).toBe(-65_536);
    database.close();
  });

  it('keeps pragmas on the one connection even under concurrent calls', async () => {
    const database = await openDatabase({ url: `file:${join(dir, 'c.db')}`, log: silentLog });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => database.client.execute('PRAGMA foreign_keys')),
    );
    expect(results.map((r) => Object.values(r.rows[0]!)[0])).toEqual(Array(8).fill(1));
    database.close();
  });

  it('works in memory with the real migrations', async () => {
    const database = await openDatabase({ url: ':memory:', log: silentLog });
    const tables = await database.client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['generation_options', 'generations', 'prompt_cache']),
    );
    await database.check();
    database.close();
  });

  it("enforces the option rows' foreign key and removes them with their generation", async () => {
    const database = await openDatabase({ url: ':memory:', log: silentLog });
    const created = await createGenerationRepository(database.db).create(newGenerationInput());
    const count = async () =>
      Number((await database.client.execute('SELECT count(*) AS n FROM generation_options')).rows[0]!.n);
    expect(await count()).toBe(4);
    await expect(
      database.client.execute(
        "INSERT INTO generation_options VALUES ('ghost', 'style', 'noir', 'u', 'discord', 'w', 'c', 'done', 1)",
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    await database.client.execute({ sql: 'DELETE FROM generations WHERE id = ?', args: [created.id] });
    expect(await count()).toBe(0);
    database.close();
  });

  it('fails readiness once closed', async () => {
    const database = await openDatabase({ url: ':memory:', log: silentLog });
    database.close();
    await expect(database.check()).rejects.toThrow();
  });

  it('fails to open a file under a path that cannot be a folder', async () => {
    await expect(openDatabase({ url: 'file:/dev/null/atelier.db', log: silentLog })).rejects.toThrow();
  });
});

describe('database URLs', () => {
  it.each([
    [':memory:', 'memory'],
    ['file::memory:', 'memory'],
    ['file:./data/atelier.db', 'file'],
    ['file:///var/lib/atelier.db', 'file'],
    ['libsql://db-org.turso.io', 'remote'],
    ['http://127.0.0.1:8080', 'remote'],
  ])('%s is %s', (url, kind) => {
    expect(databaseKind(url)).toBe(kind);
  });

  it.each([
    ['file:./data/atelier.db', './data/atelier.db'],
    ['file:/abs/a.db', '/abs/a.db'],
    ['file:///abs/a.db', '/abs/a.db'],
    ['file://localhost/abs/my%20db.db?mode=rwc', '/abs/my db.db'],
  ])('%s is stored at %s', (url, path) => {
    expect(databaseFilePath(url)).toBe(path);
  });
});
