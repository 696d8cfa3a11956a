/**
 * Gallery page queries at a million records, through the real repository (createGenerationRepository →
 * history), as the web gallery asks for a page: the user's scope, 24 items, the total for the pager
 * (counted up to HISTORY_COUNT_LIMIT past the page).
 */
import { performance } from 'node:perf_hooks';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import type { Logger } from '../src/core/logger.js';
import { type GenerationRepository, HISTORY_COUNT_LIMIT, type HistoryQuery } from '../src/core/types.js';
import { openDatabase } from '../src/infra/db/database.js';
import { createGenerationRepository } from '../src/infra/db/generation-repository.js';
import {
  type CommunityShape,
  DISCORD_WORKSPACE,
  HEAVY_USER_ID,
  platformOfUser,
  SLACK_WORKSPACE,
  typicalUserId,
} from './gallery-data.js';
import { ensureGalleryDatabase } from './gallery-db.js';
import { type Summary, summarize } from './stats.js';

export const GALLERY_SHAPE: CommunityShape = {
  records: 1_000_000,
  users: 10_000,
  heavyPercent: 5,
  secondCatalogPercent: 10,
};

const PAGE_SIZE = 24;
const SAMPLED_USERS = 100;
const ROUNDS = 3;

export interface GalleryCase {
  name: string;
  filters: number;
  heavy: boolean;
  /** Records the sampled users hold (mean total of the page). */
  meanTotal: number;
  /** Some totals stopped at the count limit: meanTotal is a lower bound. */
  capped: boolean;
  ms: Summary;
}

export interface GalleryResult {
  records: number;
  databasePath: string;
  builtInSec: number;
  cases: GalleryCase[];
  /** Worst p50 / p99 over the typical user's cases (0, 1 and 2 filters). */
  p50Ms: number;
  p99Ms: number;
  heavyP99Ms: number;
}

interface Subject {
  userId: string;
  platform: 'discord' | 'slack';
  workspaceId: string;
}

const scope = (userId: string, platform: 'discord' | 'slack'): Subject => ({
  userId,
  platform,
  workspaceId: platform === 'slack' ? SLACK_WORKSPACE : DISCORD_WORKSPACE,
});

/** Three queries per user: no filter, and one and two dimension filters a person of theirs would pick. */
async function queriesFor(repo: GenerationRepository, subject: Subject): Promise<HistoryQuery[]> {
  // The total is counted as far as the gallery counts it ("10,000+" beyond).
  const base: HistoryQuery = {
    ...subject,
    filters: {},
    limit: PAGE_SIZE,
    offset: 0,
    countLimit: HISTORY_COUNT_LIMIT,
  };
  const first = await repo.history(base);
  // Filter by what their newest image used, so the filtered pages are not empty.
  const sample = first.items[0];
  if (!sample) return [base];
  const [d1, d2] = Object.entries(sample.options);
  const one = d1 ? { [d1[0]]: d1[1] } : {};
  const two = d1 && d2 ? { [d1[0]]: d1[1], [d2[0]]: d2[1] } : one;
  return [
    base,
    { ...base, catalogId: sample.catalogId, filters: one },
    { ...base, catalogId: sample.catalogId, filters: two },
  ];
}

async function timeCase(
  repo: GenerationRepository,
  queries: HistoryQuery[],
): Promise<{ ms: number[]; totals: number[]; capped: boolean }> {
  const ms: number[] = [];
  const totals: number[] = [];
  let capped = false;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const query of queries) {
      const t0 = performance.now();
      const page = await repo.history(query);
      const elapsed = performance.now() - t0;
      // Round 0 warms SQLite's page cache, as a running bot's would be.
      if (round > 0) {
        ms.push(elapsed);
        totals.push(page.total);
        capped ||= page.more === true;
      }
    }
  }
  return { ms, totals, capped };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export async function runGalleryBench(
  dataDir: string,
  catalogs: CatalogRegistry,
  log: Logger,
  progress: (line: string) => void,
): Promise<GalleryResult> {
  const main = catalogs.get(catalogs.defaultId);
  const others = catalogs.list().filter((c) => c.id !== main.id);
  const built = await ensureGalleryDatabase(
    dataDir,
    GALLERY_SHAPE,
    [main, ...others.slice(0, 1)],
    log,
    progress,
  );
  progress(
    built.builtInSec
      ? `gallery: database built in ${built.builtInSec.toFixed(0)} s`
      : 'gallery: cached database',
  );
  const database = await openDatabase({ url: `file:${built.path}`, log });
  try {
    const repo = createGenerationRepository(database.db);
    const typical: HistoryQuery[][] = [[], [], []];
    const step = Math.floor(GALLERY_SHAPE.users / SAMPLED_USERS);
    for (let u = 0; u < SAMPLED_USERS; u++) {
      const index = u * step + 1;
      const queries = await queriesFor(repo, scope(typicalUserId(index), platformOfUser(index)));
      for (const [i, q] of queries.entries()) typical[i]?.push(q);
    }
    const heavy = await queriesFor(repo, scope(HEAVY_USER_ID, 'discord'));
    const cases: GalleryCase[] = [];
    for (const [filters, queries] of typical.entries()) {
      const { ms, totals, capped } = await timeCase(repo, queries);
      cases.push({
        name: `typical user, ${filters} filter(s)`,
        filters,
        heavy: false,
        meanTotal: mean(totals),
        capped,
        ms: summarize(ms),
      });
    }
    for (const [filters, query] of heavy.entries()) {
      const { ms, totals, capped } = await timeCase(
        repo,
        Array.from({ length: 30 }, () => query),
      );
      cases.push({
        name: `heavy user, ${filters} filter(s)`,
        filters,
        heavy: true,
        meanTotal: mean(totals),
        capped,
        ms: summarize(ms),
      });
    }
    const typicalCases = cases.filter((c) => !c.heavy);
    return {
      records: GALLERY_SHAPE.records,
      databasePath: built.path,
      builtInSec: built.builtInSec,
      cases,
      p50Ms: Math.max(...typicalCases.map((c) => c.ms.p50)),
      p99Ms: Math.max(...typicalCases.map((c) => c.ms.p99)),
      heavyP99Ms: Math.max(...cases.filter((c) => c.heavy).map((c) => c.ms.p99)),
    };
  } finally {
    database.close();
  }
}
