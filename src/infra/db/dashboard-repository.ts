import { performance } from 'node:perf_hooks';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/ports.js';
import type { DashboardQuery, DashboardSource } from '../../core/usage/usage-report.js';
import { type ChunkCursor, type ChunkEntry, chunkSql } from './dashboard-chunk-sql.js';
import { bucketWindows, createReportBuilder } from './dashboard-report.js';
import { addEntries, emptySlice, type SliceFilter, type UsageSlice, unsettled } from './dashboard-slice.js';
import { createSliceCache, type SliceCacheOptions } from './dashboard-slice-cache.js';
import type { Db } from './database.js';

/** ~5 ms of SQLite and JSON.parse on this project's 2-core machine (~4 µs a row). */
const CHUNK_ROWS = 1000;
/**
 * A bucket stops changing once its jobs are final: ended this long ago (fal's whole-job wait is 5 min per
 * attempt; retries and a queue stay well under an hour) and holding no unfinished job, it is closed.
 */
const SETTLE_MS = 60 * 60_000;
/**
 * Small objects (users, bins, mix rows) kept, ~200 bytes each on the heap: ~20 MB at most. A 30-day view
 * of 200,000 jobs from 2,000 users weighs ~72,000 (14 MB measured); the 7-day view shares its days.
 */
const CACHE_WEIGHT = 100_000;
const CACHE_AGE_MS = 60 * 60_000;
/** Merging kept slices is JavaScript on the event loop too: give way at least this often. */
const MERGE_SLICE_MS = 5;

export interface DashboardRepositoryOptions {
  clock?: Pick<Clock, 'now'>;
  /** Most rows one statement reads (default 1,000): what bounds each synchronous stretch. */
  chunkRows?: number;
  /** How long after its end a bucket without unfinished jobs counts as closed (default 1 h). */
  settleMs?: number;
  cache?: Partial<SliceCacheOptions>;
  /** Gives way to the event loop between statements (default: setImmediate). */
  pause?: () => Promise<void>;
  /** Each statement's time (SQLite and JSON.parse, one synchronous stretch) and rows: for the benchmark. */
  onStatement?: (ms: number, rows: number) => void;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The usage dashboard's data source over the generations table. Embedded libSQL runs statements
 * synchronously, so a report never reads a window in one go: each bucket is read in chunks of at most
 * chunkRows rows (through generations_created_idx), giving way to the event loop between statements, and
 * closed buckets are kept per filter combination, so a repeat view reads only the buckets still open.
 */
export function createDashboardRepository(db: Db, options: DashboardRepositoryOptions = {}): DashboardSource {
  const clock = options.clock ?? systemClock;
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const settleMs = options.settleMs ?? SETTLE_MS;
  const pause = options.pause ?? nextTurn;
  const cache = createSliceCache(
    {
      maxWeight: options.cache?.maxWeight ?? CACHE_WEIGHT,
      maxAgeMs: options.cache?.maxAgeMs ?? CACHE_AGE_MS,
    },
    () => clock.now(),
  );

  async function readSlice(from: number, to: number, filter: SliceFilter): Promise<UsageSlice> {
    const slice = emptySlice();
    let after: ChunkCursor | undefined;
    for (;;) {
      const started = performance.now();
      const [row] = await db.all<{ j: string }>(chunkSql({ from, to, after, limit: chunkRows }));
      const entries = JSON.parse(row?.j ?? '[]') as ChunkEntry[];
      addEntries(slice, entries, filter);
      options.onStatement?.(performance.now() - started, entries.length);
      await pause();
      if (entries.length < chunkRows) return slice;
      after = lastOf(entries);
    }
  }

  return {
    async report(query: DashboardQuery) {
      const filter: SliceFilter = { workspace: query.workspace, model: query.model };
      const filterKey = JSON.stringify([query.bucketMs, query.workspace ?? null, query.model ?? null]);
      const builder = createReportBuilder(query);
      let since = performance.now();
      for (const [index, { start, end }] of bucketWindows(query).entries()) {
        const key = `${filterKey}:${start}:${end}`;
        const now = clock.now();
        let slice = cache.get(key);
        if (!slice) {
          slice = await readSlice(start, end, filter);
          if (end <= now - settleMs && unsettled(slice) === 0) cache.set(key, slice, { start: now });
          since = performance.now();
        } else if (performance.now() - since > MERGE_SLICE_MS) {
          await pause();
          since = performance.now();
        }
        builder.add(index, slice);
      }
      return builder.finish();
    },
  };
}

/** The chunk's last row in (created_at, rowid) order, where the next chunk starts. */
function lastOf(entries: readonly ChunkEntry[]): ChunkCursor {
  let last: ChunkCursor = { createdAt: Number.NEGATIVE_INFINITY, rowid: Number.NEGATIVE_INFINITY };
  for (const [rowid, createdAt] of entries)
    if (createdAt > last.createdAt || (createdAt === last.createdAt && rowid > last.rowid))
      last = { createdAt, rowid };
  return last;
}
