/**
 * The gallery benchmark's database: a million records built with SQL (gallery-data.ts) into a file
 * under data/bench/, named after the migrations, the catalogs and the data shape, so a rerun reuses it
 * and a schema change builds a fresh one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Catalog } from '../src/core/catalog/schema.js';
import type { Logger } from '../src/core/logger.js';
import { openDatabase } from '../src/infra/db/database.js';
import { MIGRATIONS_DIR } from '../src/paths.js';
import { type CommunityShape, insertGenerationsSql, insertOptionRowsSql } from './gallery-data.js';

/** Bump when gallery-data.ts changes what it writes. */
const GENERATOR_VERSION = 1;
const CHUNK = 100_000;

async function cacheKey(shape: CommunityShape, catalogs: readonly Catalog[]): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_DIR, { recursive: true })).map(String).sort();
  for (const file of files) {
    if (!file.endsWith('.sql') && !file.endsWith('.json')) continue;
    hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  }
  hash.update(JSON.stringify({ GENERATOR_VERSION, shape }));
  for (const c of catalogs)
    hash.update(JSON.stringify([c.id, c.dimensions.map((d) => [d.id, d.options.map((o) => o.id)])]));
  return hash.digest('hex').slice(0, 12);
}

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
}

export interface GalleryDatabase {
  path: string;
  /** Seconds spent building it; 0 when the cached file was used. */
  builtInSec: number;
}

/** The cached database for this schema and shape, built first when missing. */
export async function ensureGalleryDatabase(
  dir: string,
  shape: CommunityShape,
  catalogs: readonly [Catalog, ...Catalog[]],
  log: Logger,
  progress: (line: string) => void,
): Promise<GalleryDatabase> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `gallery-${shape.records}-${await cacheKey(shape, catalogs)}.db`);
  if (existsSync(path)) return { path, builtInSec: 0 };
  // Files of an older schema or data shape are of no further use and take gigabytes.
  const stale = (await readdir(dir)).filter(
    (f) => f.startsWith(`gallery-${shape.records}-`) && f !== basename(path),
  );
  for (const file of stale) await rm(join(dir, file), { force: true });
  progress(`gallery: building a ${shape.records.toLocaleString('en')}-record database (once per schema)`);
  const started = Date.now();
  const building = `${path}.building`;
  await removeDatabase(building);
  // The real migrations make the schema, so the data sits in exactly what the bot would create.
  const database = await openDatabase({ url: `file:${building}`, log });
  const { client } = database;
  try {
    for (const pragma of [
      'journal_mode = OFF',
      'synchronous = OFF',
      'foreign_keys = OFF',
      'cache_size = -1000000',
    ])
      await client.execute(`PRAGMA ${pragma}`);
    // Building indexes once at the end is several times faster than keeping them up to date row by row.
    const indexes = await client.execute(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('generations', 'generation_options')",
    );
    for (const row of indexes.rows) await client.execute(`DROP INDEX "${String(row.name)}"`);
    for (let from = 0; from < shape.records; from += CHUNK) {
      await client.execute(
        insertGenerationsSql(shape, catalogs, from, Math.min(shape.records, from + CHUNK)),
      );
      progress(`gallery: ${Math.min(shape.records, from + CHUNK).toLocaleString('en')} records`);
    }
    const max = Number((await client.execute('SELECT max(rowid) AS m FROM generations')).rows[0]?.m ?? 0);
    for (let from = 1; from <= max; from += CHUNK)
      await client.execute(insertOptionRowsSql(from, from + CHUNK));
    progress('gallery: option rows written; building indexes');
    for (const row of indexes.rows) await client.execute(String(row.sql));
    await client.execute('PRAGMA journal_mode = WAL');
  } catch (error) {
    database.close();
    await removeDatabase(building);
    throw error;
  }
  database.close();
  await rename(building, path);
  return { path, builtInSec: (Date.now() - started) / 1000 };
}
