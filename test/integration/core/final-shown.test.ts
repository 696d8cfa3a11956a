import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { createFinalShownLog, finalUpdateOf } from '../../../src/core/generation/final-shown.js';
import type { GenerationRepository } from '../../../src/core/types.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { newGenerationInput, openTestDatabase, silentLog } from '../db/db-fixtures.js';

describe('finished jobs whose messages may not show the outcome', () => {
  let repo: GenerationRepository;
  let dispose: () => Promise<void>;
  let writes: string[][];

  beforeEach(async () => {
    const opened = await openTestDatabase('memory');
    dispose = opened.dispose;
    const real = createGenerationRepository(opened.database.db);
    writes = [];
    repo = {
      ...real,
      markFinalShown: (ids, at) => {
        writes.push([...ids]);
        return real.markFinalShown(ids, at);
      },
    };
  });
  afterEach(() => dispose());

  let messages = 0;
  async function finished(patch: Parameters<GenerationRepository['update']>[1]) {
    const created = await repo.create(newGenerationInput({ messageId: `m-${++messages}` }));
    return repo.update(created.id, patch);
  }

  it('tells each outcome as the job told it: done, reused, blocked, failed with its class', async () => {
    const done = await finished({ status: 'done' });
    const reused = await finished({ status: 'done', statusDetail: 'reused:abc' });
    const blocked = await finished({ status: 'blocked', errorMessage: 'flagged' });
    const failed = await finished({
      status: 'failed',
      errorClass: 'retryable',
      errorMessage: 'The image service is busy.',
    });
    const fatal = await finished({ status: 'failed' });
    const running = await finished({ status: 'generating' });
    expect(finalUpdateOf(done)).toEqual({ kind: 'done', reused: false });
    expect(finalUpdateOf(reused)).toEqual({ kind: 'done', reused: true });
    expect(finalUpdateOf(blocked)).toEqual({ kind: 'blocked', message: 'flagged' });
    expect(finalUpdateOf(failed)).toEqual({
      kind: 'failed',
      errorClass: 'retryable',
      message: 'The image service is busy.',
      retryable: true,
      reference: failed.id.slice(0, 8).toUpperCase(),
    });
    expect(finalUpdateOf(fatal)).toMatchObject({ kind: 'failed', errorClass: 'fatal', retryable: false });
    expect(finalUpdateOf(running)).toBeUndefined();
  });

  it('writes marks together in one statement and stops listing the jobs marked', async () => {
    const log = createFinalShownLog({ generations: repo, clock: systemClock, log: silentLog, flushMs: 50 });
    const jobs = [
      await finished({ status: 'done' }),
      await finished({ status: 'failed' }),
      await finished({ status: 'blocked' }),
    ];
    expect((await log.unshown()).map((g) => g.id).sort()).toEqual(jobs.map((g) => g.id).sort());
    log.mark(jobs[0]!.id);
    log.mark(jobs[1]!.id);
    log.mark(jobs[0]!.id);
    await log.flush();
    expect(writes).toEqual([[jobs[0]!.id, jobs[1]!.id]]);
    expect((await log.unshown()).map((g) => g.id)).toEqual([jobs[2]!.id]);
    // Without an explicit flush, the timer writes it.
    log.mark(jobs[2]!.id);
    await vi.waitFor(() => expect(writes).toHaveLength(2), { timeout: 5_000, interval: 10 });
    expect(await log.unshown()).toEqual([]);
  });
});
