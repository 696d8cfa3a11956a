import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRepository } from '../../../src/core/audit/audit-types.js';
import type { LimitsRepository, UsageRepository } from '../../../src/core/policy/policy-types.js';
import { estimateCostMicros } from '../../../src/core/pricing.js';
import type { GenerationRepository, NewGeneration } from '../../../src/core/types.js';
import { createAuditRepository } from '../../../src/infra/db/audit-repository.js';
import type { Database } from '../../../src/infra/db/database.js';
import { createGenerationRepository } from '../../../src/infra/db/generation-repository.js';
import {
  createQuotaSettingsRepository,
  SETTINGS_CACHE_MS,
} from '../../../src/infra/db/quota-settings-repository.js';
import { createUsageRepository } from '../../../src/infra/db/usage-repository.js';
import { newGenerationInput, openTestDatabase } from '../db/db-fixtures.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 14, 12);

describe('usage, quota settings and audit repositories (real libSQL, migrations applied)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let now = T0;
  const clock = { now: () => now, sleep: async () => {} };
  let generations: GenerationRepository;
  let usage: UsageRepository;
  let limits: LimitsRepository;
  let audit: AuditRepository;

  const add = async (at: number, input: Partial<NewGeneration>, patch: Record<string, unknown> = {}) => {
    now = at;
    const g = await generations.create(newGenerationInput(input));
    if (Object.keys(patch).length > 0) await generations.update(g.id, patch);
    return g;
  };

  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase('file'));
    generations = createGenerationRepository(database.db, clock);
    usage = createUsageRepository(database.db);
    limits = createQuotaSettingsRepository(database.db, clock);
    audit = createAuditRepository(database.db, clock);
    const ws = { platform: 'discord' as const, workspaceId: 'g1' };
    await add(T0 - 2 * HOUR, { ...ws, userId: 'ada' }, { status: 'done', costMicros: 3_000 });
    await add(T0 + 1_000, { ...ws, userId: 'ada' }, { status: 'done', costMicros: 3_000 });
    await add(T0 + 2_000, { ...ws, userId: 'ada' }, { status: 'failed' });
    await add(T0 + 3_000, { ...ws, userId: 'ada', model: 'fal-ai/flux/dev', width: 1024, height: 1024 });
    await add(T0 + 4_000, { ...ws, userId: 'grace' }, { status: 'blocked', costMicros: 3_000 });
    await add(
      T0 + 5_000,
      { platform: 'slack', workspaceId: 'g1', userId: 'ada' },
      { status: 'done', costMicros: 7 },
    );
    await add(T0 + 6_000, { ...ws, workspaceId: 'g2', userId: 'ada' }, { status: 'done', costMicros: 11 });
  });
  afterAll(() => dispose());

  it("counts a user's and a workspace's jobs since a time, leaving out failed jobs and other scopes", async () => {
    const user = { platform: 'discord' as const, workspaceId: 'g1', userId: 'ada' };
    expect(await usage.countJobs(user, T0)).toBe(2);
    expect(await usage.countJobs(user, T0 - 3 * HOUR)).toBe(3);
    expect(await usage.countJobs({ platform: 'discord', workspaceId: 'g1' }, T0)).toBe(3);
    expect(await usage.countUnfinished(user)).toBe(1);
    expect(await usage.countUnfinished({ ...user, userId: 'grace' })).toBe(0);
  });

  it('sums spend with the estimate of jobs still running', async () => {
    const running = estimateCostMicros('fal-ai/flux/dev', 1024, 1024);
    expect(running).toBeGreaterThan(0);
    expect(await usage.spendMicros({ platform: 'discord', workspaceId: 'g1' }, T0)).toBe(
      3_000 + 3_000 + running,
    );
    expect(await usage.spendMicros({ platform: 'discord', workspaceId: 'g1' }, T0 - 3 * HOUR)).toBe(
      9_000 + running,
    );
    expect(await usage.spendMicros({ platform: 'slack', workspaceId: 'g1' }, T0)).toBe(7);
  });

  it('reports usage per user, workspace and model over a window', async () => {
    const byUser = await usage.usageBy('user', T0, T0 + HOUR);
    expect(byUser).toContainEqual({ key: 'ada', platform: 'discord', jobs: 3, costMicros: 3_011 });
    expect(byUser).toContainEqual({ key: 'grace', platform: 'discord', jobs: 1, costMicros: 3_000 });
    expect(byUser).toContainEqual({ key: 'ada', platform: 'slack', jobs: 1, costMicros: 7 });
    const byWorkspace = await usage.usageBy('workspace', T0, T0 + HOUR);
    expect(byWorkspace[0]).toEqual({ key: 'g1', platform: 'discord', jobs: 3, costMicros: 6_000 });
    const byModel = await usage.usageBy('model', T0 - 3 * HOUR, T0 + HOUR);
    expect(byModel).toEqual([
      { key: 'fal-ai/flux/schnell', platform: null, jobs: 5, costMicros: 9_018 },
      { key: 'fal-ai/flux/dev', platform: null, jobs: 1, costMicros: 0 },
    ]);
  });

  it('answers the workspace quota and budget from the usage index without reading the table', async () => {
    const plan = await database.client.execute({
      sql: `EXPLAIN QUERY PLAN SELECT count(*), sum(cost_micros) FROM generations
            WHERE workspace_id = ? AND platform = ? AND created_at >= ? AND "generations"."status" <> 'failed'`,
      args: ['g1', 'discord', T0],
    });
    expect(plan.rows.map((r) => String(r.detail))).toEqual([
      expect.stringMatching(/^SEARCH generations USING COVERING INDEX generations_usage_workspace_idx/),
    ]);
  });

  it('stores per-workspace overrides; null goes back to the default', async () => {
    expect(await limits.get('discord', 'g1')).toBeUndefined();
    await limits.set('discord', 'g1', { userHourly: 5, budgetDailyMicros: 2_000_000 }, 'admin-1');
    expect(await limits.get('discord', 'g1')).toEqual({ userHourly: 5, budgetDailyMicros: 2_000_000 });
    await limits.set('discord', 'g1', { userHourly: null, userDaily: 9 }, 'admin-2');
    expect(await limits.get('discord', 'g1')).toEqual({ userDaily: 9, budgetDailyMicros: 2_000_000 });
    expect(await limits.get('slack', 'g1')).toBeUndefined();
  });

  it("applies its own changes at once and another replica's within the settings cache time", async () => {
    const replica = createQuotaSettingsRepository(database.db, clock);
    expect(await replica.get('slack', 'T9')).toBeUndefined();
    await limits.set('slack', 'T9', { userDaily: 4 }, 'admin-1');
    expect(await limits.get('slack', 'T9')).toEqual({ userDaily: 4 });
    // The other process read it a moment ago and reuses that answer for SETTINGS_CACHE_MS.
    expect(await replica.get('slack', 'T9')).toBeUndefined();
    now += SETTINGS_CACHE_MS;
    expect(await replica.get('slack', 'T9')).toEqual({ userDaily: 4 });
  });

  it('keeps audit entries and filters them by user, action and time, newest first', async () => {
    const base = { platform: 'discord' as const, workspaceId: 'g1', channelId: 'c1', source: 'test' };
    await audit.record({
      ...base,
      userId: 'ada',
      action: 'generate',
      targetId: 'j1',
      details: { seed: 1 },
      at: T0,
    });
    await audit.record({
      ...base,
      userId: 'ada',
      action: 'reroll',
      targetId: 'j2',
      details: {},
      at: T0 + HOUR,
    });
    await audit.record({
      ...base,
      userId: 'grace',
      action: 'generate',
      targetId: 'j3',
      details: {},
      at: T0 + 2 * HOUR,
    });
    const all = await audit.query({ limit: 10 });
    expect(all.map((e) => e.targetId)).toEqual(['j3', 'j2', 'j1']);
    expect(all[2]).toMatchObject({ userId: 'ada', at: T0, details: { seed: 1 }, channelId: 'c1' });
    expect((await audit.query({ limit: 10, userId: 'ada' })).map((e) => e.targetId)).toEqual(['j2', 'j1']);
    expect((await audit.query({ limit: 10, action: 'generate' })).map((e) => e.targetId)).toEqual([
      'j3',
      'j1',
    ]);
    expect((await audit.query({ limit: 10, since: T0 + HOUR })).map((e) => e.targetId)).toEqual(['j3', 'j2']);
    expect((await audit.query({ limit: 1 })).map((e) => e.targetId)).toEqual(['j3']);
  });
});
