/**
 * The SQL that fills a migrated database with a synthetic community's history, generated inside SQLite
 * (a recursive CTE) because binding a million rows from JavaScript takes minutes. Rows look like what the
 * generation repository writes: finished records with realistic field sizes, option rows derived from
 * `generations.options` with the same SELECT as option-index.ts.
 */
import type { Catalog } from '../src/core/catalog/schema.js';

/** Who owns the records: one heavy user, the rest spread evenly over `users` people. */
export interface CommunityShape {
  records: number;
  users: number;
  /** Share of all records made by the one heavy user, in percent. */
  heavyPercent: number;
  /** Share of the records made in the second catalog, in percent (0 when there is one catalog). */
  secondCatalogPercent: number;
}

export const HEAVY_USER_ID = '499999999999999999';
export const DISCORD_WORKSPACE = '1187263544419881010';
export const SLACK_WORKSPACE = 'T0ATELIER1';
/** 2025-01-01T00:00:00Z; one record every ~31.5 s spreads a million records over a year. */
const START_MS = 1_735_689_600_000;
const STEP_MS = 31_536;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Discord users get snowflake-like ids, every fifth user is on Slack. */
export const typicalUserId = (index: number): string =>
  index % 5 === 0 ? `U1${String(index).padStart(8, '0')}` : `5${String(index).padStart(17, '0')}`;
export const platformOfUser = (index: number): 'discord' | 'slack' => (index % 5 === 0 ? 'slack' : 'discord');

/**
 * Two well-mixed 32-bit hashes of the row number (multiply, xor-shift; SQLite has no XOR, so
 * a ^ b = (a | b) - (a & b)), so every field is reproducible and fields are independent of each other.
 * Multipliers of the second round stay below 2^31 so products fit SQLite's 64-bit integers (an overflow
 * silently turns into a float). MATERIALIZED keeps SQLite from inlining the hash into every column that reads it.
 */
function hashed(from: number, to: number): string {
  const mix = (x: string, k: number) => {
    const m = `((${x}) * ${k}) % 4294967296`;
    return `((${m}) | ((${m}) >> 16)) - ((${m}) & ((${m}) >> 16))`;
  };
  return `WITH RECURSIVE seq(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ${to}),
    a AS MATERIALIZED (SELECT i, ${mix('i + 1', 2654435761)} AS a1, ${mix('i + 7919', 2246822519)} AS a2 FROM seq),
    h AS MATERIALIZED (SELECT i, ${mix('a1', 73244475)} AS r1, ${mix('a2', 1597334677)} AS r2 FROM a)`;
}

/** json_object(...) of one catalog's dimensions, each option picked by a mixed-radix digit of r2. */
function optionsJson(catalog: Catalog): string {
  let radix = 1;
  const pairs = catalog.dimensions.map((d) => {
    const list = quote(JSON.stringify(d.options.map((o) => o.id)));
    const digit = `((r2 / ${radix}) % ${d.options.length})`;
    radix *= d.options.length;
    return `${quote(d.id)}, json_extract(${list}, '$[' || ${digit} || ']')`;
  });
  return `json_object(${pairs.join(', ')})`;
}

/** INSERT … SELECT of generations rows number `from` to `to - 1` (one statement, one transaction). */
export function insertGenerationsSql(
  shape: CommunityShape,
  catalogs: readonly [Catalog, ...Catalog[]],
  from: number,
  to: number,
): string {
  const [main, second] = catalogs;
  const heavy = `((r1 / 10000) % 100) < ${shape.heavyPercent}`;
  const userIndex = `(r1 % ${shape.users})`;
  const useSecond = second ? `((r1 / 100000000) % 100) < ${shape.secondCatalogPercent}` : '0';
  const statusDigit = '((r1 / 1000000) % 100)';
  const status = `CASE WHEN ${statusDigit} < 92 THEN 'done' WHEN ${statusDigit} < 98 THEN 'failed' ELSE 'blocked' END`;
  return `${hashed(from, to)},
    rows AS (
      SELECT i, r1, r2,
        printf('%08x-%04x-4%03x-8%03x-%012x', r1, r2 % 65536, (r2 / 65536) % 4096, i % 4096, i) AS id,
        ${START_MS} + i * ${STEP_MS} + (r2 % 1000) AS at,
        CASE WHEN ${heavy} THEN 'discord' WHEN ${userIndex} % 5 = 0 THEN 'slack' ELSE 'discord' END AS platform,
        CASE WHEN ${heavy} THEN ${quote(HEAVY_USER_ID)}
             WHEN ${userIndex} % 5 = 0 THEN 'U1' || printf('%08d', ${userIndex})
             ELSE '5' || printf('%017d', ${userIndex}) END AS user_id,
        CASE WHEN ${useSecond} THEN ${quote(second?.id ?? main.id)} ELSE ${quote(main.id)} END AS catalog_id,
        CASE WHEN ${useSecond} THEN ${second ? optionsJson(second) : 'NULL'} ELSE ${optionsJson(main)} END AS options,
        ${status} AS status
      FROM h)
    INSERT INTO generations (id, created_at, updated_at, platform, workspace_id, channel_id, user_id, message_id,
      reply_ref, catalog_id, options, extra, aspect, prompt_hash, seed, model, status, status_detail, error_class,
      error_message, attempts, request_id, parent_id, sequence_id, image_key, image_url, thumb_key, thumb_url,
      width, height, bytes, submitted_at, started_at, finished_at, cost_micros, is_example)
    SELECT id, at, at + 3000, platform,
      CASE platform WHEN 'slack' THEN ${quote(SLACK_WORKSPACE)} ELSE ${quote(DISCORD_WORKSPACE)} END,
      CASE platform WHEN 'slack' THEN 'C0ART00001' ELSE '1187263544419881013' END,
      user_id,
      CASE platform WHEN 'slack' THEN 'C0ART00001:' || (at / 1000) || '.' || printf('%06d', i % 1000000)
           ELSE '13' || printf('%016d', i) END,
      NULL, catalog_id, options,
      CASE WHEN i % 10 = 3 THEN 'wearing a red scarf, golden hour light' ELSE '' END,
      'square', printf('%08x%08x%048x', r1, r2, i), r2 % 2147483647, 'fal-ai/flux/schnell', status,
      NULL,
      CASE status WHEN 'failed' THEN 'retryable' ELSE NULL END,
      CASE status WHEN 'failed' THEN 'The image service is having trouble. Please try again in a minute.'
                  WHEN 'blocked' THEN 'The safety filter flagged this image, so it was not posted.' ELSE NULL END,
      1, printf('%08x-%04x-4%03x-9%03x-%012x', r2, r1 % 65536, (r1 / 65536) % 4096, i % 4096, i),
      NULL, NULL,
      CASE status WHEN 'done' THEN 'images/2025/' || printf('%08x', r1) || '/' || id || '.png' END,
      CASE status WHEN 'done' THEN 'https://media.atelier.example.com/images/2025/' || printf('%08x', r1) || '/' || id || '.png' END,
      CASE status WHEN 'done' THEN 'thumbs/2025/' || printf('%08x', r1) || '/' || id || '.webp' END,
      CASE status WHEN 'done' THEN 'https://media.atelier.example.com/thumbs/2025/' || printf('%08x', r1) || '/' || id || '.webp' END,
      1024, 1024,
      CASE status WHEN 'done' THEN 1200000 + r2 % 400000 END,
      at + 40, at + 900, at + 2900,
      CASE status WHEN 'failed' THEN 0 ELSE 3146 END,
      0
    FROM rows`;
}

/** Option rows of generations by rowid range: the SELECT of option-index.ts's insertOptionRows. */
export function insertOptionRowsSql(fromRowid: number, toRowid: number): string {
  return `INSERT INTO generation_options
      (generation_id, dimension, option, user_id, platform, workspace_id, catalog_id, status, created_at)
    SELECT g.id, j.key, j.value, g.user_id, g.platform, g.workspace_id, g.catalog_id, g.status, g.created_at
    FROM generations AS g, json_each(g.options) AS j
    WHERE g.rowid >= ${fromRowid} AND g.rowid < ${toRowid}`;
}
