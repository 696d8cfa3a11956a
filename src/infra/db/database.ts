import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Logger } from '../../core/logger.js';
import { MIGRATIONS_DIR } from '../../paths.js';
import { withBusyRecovery } from './busy-recovery.js';
import { databaseFilePath, databaseKind } from './database-url.js';
import { explainRemoteError } from './remote-errors.js';
import { schema } from './schema.js';

/** Drizzle over libSQL; `$client` is there for the few raw statements (bulk loads). */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export interface Database {
  db: Db;
  client: Client;
  /** Throws when the database cannot answer (readiness). */
  check(): Promise<void>;
  close(): void;
}

export interface OpenDatabaseOptions {
  url: string;
  authToken?: string | undefined;
  log: Logger;
  /** Defaults to the project's migrations/ folder. */
  migrationsDir?: string;
  /**
   * How long a write waits for another connection's lock (embedded files). The wait blocks the event
   * loop, so callers that retry on their own (the job runner) may prefer a short one. Default 5 000.
   */
  busyTimeoutMs?: number;
}

/**
 * libsql waits for a busy database synchronously, freezing the event loop (and every chat acknowledgement)
 * for as long as it waits: keep the wait short; the job runner retries writes with backoff on its own.
 */
const BUSY_TIMEOUT_MS = 500;
const CACHE_KIB = 65_536;
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Opens the database, applies pending migrations and returns it ready to use. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { database } = await openAndMigrate(options);
  return database;
}

/** For the CLI `migrate` command: applies pending migrations, closes, and says how many ran. */
export async function migrateDatabase(
  options: OpenDatabaseOptions,
): Promise<{ applied: number; total: number }> {
  const { database, applied, total } = await openAndMigrate(options);
  database.close();
  return { applied, total };
}

async function openAndMigrate(options: OpenDatabaseOptions) {
  const { url, log } = options;
  const kind = databaseKind(url);
  const client = await connect(options, kind);
  try {
    const db = drizzle(client, { schema });
    const { applied, total } = await applyMigrations(db, client, options);
    log.info({ kind, applied, total }, applied > 0 ? 'database migrated' : 'database schema up to date');
    const database: Database = {
      db,
      client,
      check: async () => {
        await client.execute('SELECT 1');
      },
      close: () => client.close(),
    };
    return { database, applied, total };
  } catch (error) {
    client.close();
    throw kind === 'remote' ? explainRemoteError(error, url) : error;
  }
}

/**
 * Processes starting together (replicas on one remote database) can all see a migration as pending.
 * Each applies it in one transaction, so the first to commit wins and the others fail on "already
 * exists" and roll back whole. When the count moved while we failed, another process did the work:
 * look again rather than crash; a failure of our own repeats and is thrown.
 */
async function applyMigrations(db: Db, client: Client, options: OpenDatabaseOptions) {
  const config = {
    migrationsFolder: options.migrationsDir ?? MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
  };
  const before = await countApplied(client);
  try {
    await migrate(db, config);
  } catch (error) {
    const meanwhile = await countApplied(client);
    if (meanwhile === before) throw error;
    options.log.warn({ applied: meanwhile - before }, 'another process applied migrations at the same time');
    await migrate(db, config);
    const total = await countApplied(client);
    return { applied: total - meanwhile, total };
  }
  const total = await countApplied(client);
  return { applied: total - before, total };
}

async function connect(
  { url, authToken, log, busyTimeoutMs = BUSY_TIMEOUT_MS }: OpenDatabaseOptions,
  kind: ReturnType<typeof databaseKind>,
) {
  if (kind === 'remote') return createClient({ url, ...(authToken ? { authToken } : {}) });
  if (kind === 'file') await mkdir(dirname(databaseFilePath(url)), { recursive: true });
  // One connection: calls are synchronous in-process anyway, and per-connection pragmas then hold for
  // every query (a pool would open fresh connections without them). Use db.batch, not interactive
  // transactions, so no caller ever waits on a connection held across an await.
  const client = createClient({ url, concurrency: 1, timeout: busyTimeoutMs });
  const applyPragmas = async (target: Client) => {
    if (kind === 'file') {
      await target.execute('PRAGMA journal_mode = WAL');
      await target.execute('PRAGMA synchronous = NORMAL');
      // 64 MB of page cache instead of SQLite's 2 MB: history counts over big users stay in memory.
      await target.execute(`PRAGMA cache_size = -${CACHE_KIB}`);
    }
    await target.execute(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    await target.execute('PRAGMA foreign_keys = ON');
  };
  try {
    await applyPragmas(client);
  } catch (error) {
    client.close();
    throw error;
  }
  // Only a file can be reopened: a fresh connection to :memory: would be a new, empty database.
  return kind === 'file' ? withBusyRecovery(client, applyPragmas, log) : client;
}

async function countApplied(client: Client): Promise<number> {
  const exists = await client.execute({
    sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    args: [MIGRATIONS_TABLE],
  });
  if (exists.rows.length === 0) return 0;
  const result = await client.execute(`SELECT count(*) AS n FROM ${MIGRATIONS_TABLE}`);
  return Number(result.rows[0]?.n ?? 0);
}
