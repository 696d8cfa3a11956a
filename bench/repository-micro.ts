/**
 * Micro-benchmark of the repository's share of a job: the writes and reads one generation makes on its
 * way from queued to done (as JobRecord, attachMessage and the job-message machine make them), on an
 * embedded file database, timed by the process's CPU clock. Run: `npx tsx bench/repository-micro.ts [jobs]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Generation, GenerationPatch, GenerationRepository } from '../src/core/types.js';
import { openDatabase } from '../src/infra/db/database.js';
import { createGenerationRepository } from '../src/infra/db/generation-repository.js';
import { createLogger } from '../src/infra/logger.js';

export interface RepositoryMicroResult {
  jobs: number;
  /** CPU (user + system) of this process per job, ms. */
  cpuMsPerJob: number;
  /** Wall time per job, ms. */
  wallMsPerJob: number;
  writesPerJob: number;
}

/** One job's record traffic; the record the caller holds goes along as `update`'s base. */
async function oneJob(repo: GenerationRepository, i: number, now: number): Promise<number> {
  let current = await repo.create({
    platform: 'discord',
    workspaceId: 'W1',
    channelId: 'C1',
    userId: `u${i % 50}`,
    catalogId: 'acme',
    options: { style: 'noir', pose: 'standing', outfit: 'suit', setting: 'studio' },
    extra: '',
    aspect: 'square',
    promptHash: `${i}`.padStart(64, '0'),
    seed: i,
    model: 'fal-ai/flux/schnell',
    width: 1024,
    height: 1024,
  });
  let writes = 1;
  const save = async (patch: GenerationPatch) => {
    current = await (
      repo.update as (id: string, p: GenerationPatch, base?: Generation) => Promise<Generation>
    )(current.id, { ...patch, updatedAt: now }, current);
    writes++;
  };
  await save({ attempts: 1 });
  await save({ status: 'submitted', requestId: `req-${i}`, model: 'fal-ai/flux/schnell', submittedAt: now });
  await repo.update(current.id, { messageId: `m${i}`, replyRef: '{"t":"x"}', updatedAt: now });
  writes++;
  await save({ status: 'generating', startedAt: now });
  await save({ status: 'storing', seed: i });
  await save({
    status: 'done',
    statusDetail: null,
    imageKey: `images/${current.id}.png`,
    imageUrl: `https://media.example.com/images/${current.id}.png`,
    thumbKey: `thumbs/${current.id}.webp`,
    thumbUrl: `https://media.example.com/thumbs/${current.id}.webp`,
    width: 1024,
    height: 1024,
    bytes: 123_456,
    finishedAt: now,
    costMicros: 3000,
  });
  return writes;
}

export async function runRepositoryMicro(jobs: number): Promise<RepositoryMicroResult> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-repo-micro-'));
  const database = await openDatabase({ url: `file:${join(dir, 'micro.db')}`, log: createLogger('silent') });
  try {
    const repo = createGenerationRepository(database.db);
    const now = Date.now();
    // Warm-up: JIT and SQLite's page cache, as in a running bot.
    for (let i = 0; i < 50; i++) await oneJob(repo, -i - 1, now);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let writes = 0;
    for (let i = 0; i < jobs; i++) writes += await oneJob(repo, i, now);
    const cpu = process.cpuUsage(cpu0);
    return {
      jobs,
      cpuMsPerJob: (cpu.user + cpu.system) / 1000 / jobs,
      wallMsPerJob: (performance.now() - t0) / jobs,
      writesPerJob: writes / jobs,
    };
  } finally {
    database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const jobs = Number(process.argv[2] ?? 2000);
  const result = await runRepositoryMicro(jobs);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
