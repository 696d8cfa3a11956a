import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/ports.js';
import type { GenerationRepository } from '../../../src/core/types.js';
import type { Database } from '../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import { type DbKind, doneFields, newGenerationInput, openTestDatabase } from './db-fixtures.js';

/** A clock the test moves by hand, so timestamps are known. */
function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

describe.each<DbKind>(['memory', 'file'])('generation repository (%s)', (kind) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let clock: ReturnType<typeof manualClock>;
  let repo: GenerationRepository;

  beforeEach(async () => {
    ({ database, dispose } = await openTestDatabase(kind));
    clock = manualClock(1_700_000_000_000);
    repo = createGenerationRepository(database.db, clock);
  });
  afterEach(() => dispose());

  it('creates a queued record with defaults and reads it back unchanged', async () => {
    const created = await repo.create(newGenerationInput({ messageId: 'm1', replyRef: '{"token":"t"}' }));
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({
      status: 'queued',
      attempts: 0,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      options: { style: 'noir', pose: 'standing', outfit: 'suit', setting: 'studio' },
      isExample: false,
      costMicros: 0,
      imageUrl: null,
      parentId: null,
      replyRef: '{"token":"t"}',
    });
    expect(await repo.get(created.id)).toEqual(created);
    expect(await repo.get('missing')).toBeUndefined();
  });

  it('keeps a given id and createdAt', async () => {
    const created = await repo.create(newGenerationInput({ id: 'fixed-id', createdAt: 123 }));
    expect(created.id).toBe('fixed-id');
    expect(created.createdAt).toBe(123);
  });

  it('updates only the patched fields, stamps updatedAt and returns the new row', async () => {
    const created = await repo.create(newGenerationInput());
    clock.advance(500);
    const updated = await repo.update(created.id, { status: 'submitted', requestId: 'req-1', attempts: 1 });
    expect(updated).toEqual({
      ...created,
      status: 'submitted',
      requestId: 'req-1',
      attempts: 1,
      updatedAt: created.createdAt + 500,
    });
    expect(await repo.get(created.id)).toEqual(updated);
  });

  it('fails to update a record that does not exist', async () => {
    await expect(repo.update('nope', { status: 'failed' })).rejects.toThrow(/nope/);
    const created = await repo.create(newGenerationInput());
    await expect(repo.update('nope', { status: 'failed' }, created)).rejects.toThrow(/nope/);
  });

  it("with the caller's record as base, writes the patch and returns base with it, without reading back", async () => {
    const created = await repo.create(newGenerationInput());
    // Someone else's write the caller has not seen: the database keeps it, the caller's copy does not.
    await repo.update(created.id, { messageId: 'msg-9' });
    clock.advance(250);
    const patch = { status: 'submitted' as const, requestId: 'req-2', attempts: 1 };
    const result = await repo.update(created.id, patch, created);
    const written = {
      status: 'submitted',
      requestId: 'req-2',
      attempts: 1,
      updatedAt: created.createdAt + 250,
    };
    expect(result).toEqual({ ...created, ...written });
    expect(await repo.get(created.id)).toEqual({ ...created, ...written, messageId: 'msg-9' });
  });

  it('keeps option rows in step with a status written by any statement', async () => {
    const created = await repo.create(newGenerationInput({ userId: 'u7' }));
    await database.client.execute({
      sql: "UPDATE generations SET status = 'done' WHERE id = ?",
      args: [created.id],
    });
    const page = await repo.history({ userId: 'u7', filters: { style: 'noir' }, limit: 5, offset: 0 });
    expect(page.items.map((g) => g.id)).toEqual([created.id]);
  });

  it('finds the newest generation posted as a given message on a platform', async () => {
    await repo.create(newGenerationInput({ messageId: 'msg-1' }));
    clock.advance(10);
    const newer = await repo.create(newGenerationInput({ messageId: 'msg-1' }));
    await repo.create(newGenerationInput({ platform: 'slack', messageId: 'msg-2' }));
    expect((await repo.findByMessage('discord', 'msg-1'))?.id).toBe(newer.id);
    expect(await repo.findByMessage('slack', 'msg-1')).toBeUndefined();
    expect(await repo.findByMessage('discord', 'msg-2')).toBeUndefined();
  });

  it('lists unfinished jobs oldest first and leaves out done, failed and blocked ones', async () => {
    const ids: string[] = [];
    for (const status of [
      'storing',
      'done',
      'queued',
      'failed',
      'generating',
      'blocked',
      'submitted',
    ] as const) {
      clock.advance(1000);
      const created = await repo.create(newGenerationInput());
      if (status !== 'queued') await repo.update(created.id, { status });
      ids.push(created.id);
    }
    const unfinished = await repo.findUnfinished();
    expect(unfinished.map((u) => u.status)).toEqual(['storing', 'queued', 'generating', 'submitted']);
    expect(unfinished.map((u) => u.id)).toEqual([ids[0], ids[2], ids[4], ids[6]]);
  });

  it('lists finished jobs whose message has not shown the outcome, newest first, until they are marked', async () => {
    const make = async (
      status: 'done' | 'failed' | 'blocked' | 'generating' | 'deleted',
      messageId?: string,
    ) => {
      clock.advance(1000);
      const created = await repo.create(newGenerationInput(messageId ? { messageId } : {}));
      await repo.update(created.id, { status });
      return created.id;
    };
    const old = await make('done', 'm-old');
    const since = clock.now() + 1;
    const done = await make('done', 'm-done');
    const failed = await make('failed', 'm-failed');
    const blocked = await make('blocked', 'm-blocked');
    await make('generating', 'm-running');
    await make('deleted', 'm-deleted');
    await make('done');
    const ids = async (from = since) => (await repo.findUnshownFinals(from, 10)).map((g) => g.id);
    expect(await ids()).toEqual([blocked, failed, done]);
    expect(await ids(0)).toEqual([blocked, failed, done, old]);
    expect((await repo.findUnshownFinals(0, 2)).map((g) => g.id)).toEqual([blocked, failed]);
    await repo.markFinalShown([done, blocked], clock.now());
    await repo.markFinalShown([], clock.now());
    expect(await ids()).toEqual([failed]);
  });

  it('reuses only a done image for the same prompt hash, model and seed', async () => {
    const at = clock.now();
    const done = await repo.create(newGenerationInput());
    await repo.update(done.id, doneFields(done.id, at));
    const failed = await repo.create(newGenerationInput());
    await repo.update(failed.id, { status: 'failed' });
    const doneNoImage = await repo.create(newGenerationInput({ seed: 7 }));
    await repo.update(doneNoImage.id, { status: 'done' });

    expect((await repo.findReusable('a'.repeat(64), 'fal-ai/flux/schnell', 42))?.id).toBe(done.id);
    expect(await repo.findReusable('a'.repeat(64), 'fal-ai/flux/schnell', 7)).toBeUndefined();
    expect(await repo.findReusable('a'.repeat(64), 'fal-ai/flux/dev', 42)).toBeUndefined();
    expect(await repo.findReusable('b'.repeat(64), 'fal-ai/flux/schnell', 42)).toBeUndefined();
  });

  it('returns the newest example of each option of a dimension, done only', async () => {
    const make = async (style: string, isExample: boolean, status: 'done' | 'failed' = 'done') => {
      clock.advance(1000);
      const created = await repo.create(
        newGenerationInput({ options: { style, pose: 'standing' }, isExample }),
      );
      await repo.update(created.id, { ...doneFields(created.id, clock.now()), status });
      return created.id;
    };
    await make('noir', true);
    const newerNoir = await make('noir', true);
    const pop = await make('pop', true);
    await make('watercolor', false);
    await make('sketch', true, 'failed');
    const other = await repo.create(newGenerationInput({ catalogId: 'other', isExample: true }));
    await repo.update(other.id, doneFields(other.id, clock.now()));

    const examples = await repo.examples('acme', 'style');
    expect(examples.map((e) => [e.options.style, e.id])).toEqual([
      ['pop', pop],
      ['noir', newerNoir],
    ]);
    expect(examples.every((e) => e.isExample)).toBe(true);
  });

  it('reports provider durations of recent done jobs, newest first', async () => {
    for (const [ms, status] of [
      [1000, 'done'],
      [2000, 'failed'],
      [3000, 'done'],
      [4000, 'done'],
    ] as const) {
      clock.advance(10_000);
      const created = await repo.create(newGenerationInput());
      const submittedAt = clock.now() + 5;
      await repo.update(created.id, { status, submittedAt, finishedAt: submittedAt + ms });
    }
    const reused = await repo.create(newGenerationInput());
    await repo.update(reused.id, { status: 'done', finishedAt: clock.now() });

    expect(await repo.recentDurations(10)).toEqual([4000, 3000, 1000]);
    expect(await repo.recentDurations(2)).toEqual([4000, 3000]);
  });

  it('keeps the option index in step when status or options change', async () => {
    const created = await repo.create(newGenerationInput({ userId: 'u1' }));
    const query = {
      userId: 'u1',
      platform: 'discord' as const,
      filters: { style: 'noir' },
      limit: 10,
      offset: 0,
    };
    expect((await repo.history(query)).total).toBe(0);
    await repo.update(created.id, { status: 'done' });
    expect((await repo.history(query)).items.map((i) => i.id)).toEqual([created.id]);

    await repo.update(created.id, { options: { style: 'pop', pose: 'sitting' } });
    expect((await repo.history(query)).total).toBe(0);
    const pop = await repo.history({ ...query, filters: { style: 'pop', pose: 'sitting' } });
    expect(pop.items.map((i) => i.id)).toEqual([created.id]);
    const opts = await database.client.execute({
      sql: 'SELECT dimension, option, status FROM generation_options WHERE generation_id = ? ORDER BY dimension',
      args: [created.id],
    });
    expect(opts.rows.map((r) => [r.dimension, r.option, r.status])).toEqual([
      ['pose', 'sitting', 'done'],
      ['style', 'pop', 'done'],
    ]);
  });
});
