import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { renderQuota } from '../../../commands/quota.js';
import { createCore } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import type { AuditAction } from '../../../src/core/audit/audit-types.js';
import { BANNED_MESSAGE, PAUSED_MESSAGE } from '../../../src/core/policy/create-policy.js';
import type { Refusal } from '../../../src/core/policy/policy-types.js';
import type { Requester } from '../../../src/core/types.js';
import { jobCount, type PolicyFixture, startPolicyFixture } from './policy-fixture.js';

const admin: Requester = {
  platform: 'discord',
  workspaceId: 'g1',
  channelId: 'c1',
  userId: 'ada',
  admin: true,
};
const ada: Requester = { ...admin, admin: false };
const grace: Requester = { ...ada, userId: 'grace' };
const params = { catalogId: 'capitao-caverna', options: {} };

let f: PolicyFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: error as { code?: string; message?: string } }),
  );
const auditOf = (fx: PolicyFixture, action: AuditAction) =>
  fx.core.audit.query({ action, workspaceId: 'g1', limit: 50 });

describe('admin switches in the policy (real libSQL, fal emulator)', () => {
  it('refuses a banned user before any quota, audits and counts it, and lets them back after unban', async () => {
    f = await startPolicyFixture({ QUOTA_USER_HOURLY: '1' });
    const { core } = f;
    const refusals: Refusal[] = [];
    core.onRefusal((r) => refusals.push(r));
    await core.service.waitFor((await core.service.request({ requester: grace, params })).id);
    expect(await core.admin.ban(admin, 'grace', 'spam')).toBeUndefined();

    // Over her hourly quota too: the ban is what she is told.
    const refused = await settle(core.service.request({ requester: grace, params }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: BANNED_MESSAGE } });
    expect(refusals.map((r) => [r.reason, r.requester.userId])).toEqual([['banned', 'grace']]);
    expect(await jobCount(f)).toBe(1);
    const [audited] = await auditOf(f, 'refused');
    expect(audited).toMatchObject({ userId: 'grace', details: { for: 'generate', code: 'forbidden' } });
    // /quota says so first, above what the quotas would allow.
    const quota = renderQuota(await core.service.quota(grace));
    expect(quota.split('\n')[0]).toBe(BANNED_MESSAGE);
    expect(renderQuota(await core.service.quota(ada))).not.toContain(BANNED_MESSAGE);
    // A ban is per workspace: the same user elsewhere is unaffected.
    const elsewhere = await settle(
      core.service.request({ requester: { ...grace, workspaceId: 'g2' }, params }),
    );
    expect(elsewhere.ok).toBe(true);

    expect(await core.admin.ban(admin, 'grace', 'still spam')).toMatchObject({ reason: 'spam' });
    expect(await core.admin.unban(admin, 'grace')).toMatchObject({ reason: 'still spam', bannedBy: 'ada' });
    expect(await core.admin.unban(admin, 'grace')).toBeUndefined();
    const after = await settle(core.service.request({ requester: grace, params }));
    expect(after).toMatchObject({ ok: false, error: { code: 'quota_exceeded' } });

    const bans = await auditOf(f, 'ban');
    expect(bans.map((b) => b.details)).toEqual([
      { user: 'grace', old: { reason: 'spam', bannedBy: 'ada' }, new: { reason: 'still spam' } },
      { user: 'grace', old: null, new: { reason: 'spam' } },
    ]);
    expect(bans[0]).toMatchObject({ userId: 'ada', channelId: 'c1', platform: 'discord', source: 'admin' });
    expect(await auditOf(f, 'unban')).toHaveLength(1);
  });

  it('pauses and resumes a workspace, audited once per change', async () => {
    f = await startPolicyFixture();
    const { core } = f;
    const refusals: Refusal[] = [];
    core.onRefusal((r) => refusals.push(r));
    expect(await core.admin.setPaused(admin, true)).toBe(true);
    expect(await core.admin.setPaused(admin, true)).toBe(false);
    for (const who of [ada, grace]) {
      const refused = await settle(core.service.request({ requester: who, params }));
      expect(refused).toMatchObject({ ok: false, error: { code: 'paused', message: PAUSED_MESSAGE } });
    }
    const sequence = await settle(core.service.sequence(grace, params));
    expect(sequence).toMatchObject({ ok: false, error: { code: 'paused' } });
    expect(refusals.map((r) => r.reason)).toEqual(['paused', 'paused', 'paused']);
    expect(await jobCount(f)).toBe(0);
    expect((await core.admin.limits(admin)).paused).toBe(true);
    expect(renderQuota(await core.service.quota(grace)).split('\n')[0]).toBe(PAUSED_MESSAGE);

    expect(await core.admin.setPaused(admin, false)).toBe(true);
    await core.service.waitFor((await core.service.request({ requester: grace, params })).id);
    expect((await auditOf(f, 'pause')).map((e) => e.details)).toEqual([{ old: false, new: true }]);
    expect((await auditOf(f, 'resume')).map((e) => e.details)).toEqual([{ old: true, new: false }]);
  });

  it('records exactly the quota when 10 requests arrive at the same instant', async () => {
    f = await startPolicyFixture({ QUOTA_USER_HOURLY: '3' });
    const { service } = f.core;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => settle(service.request({ requester: ada, params }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(
      Array.from({ length: 7 }, () => 'quota_exceeded'),
    );
    expect(await jobCount(f)).toBe(3);
  });

  it('keeps settings in the database, audits old → new, and goes back to the default', async () => {
    f = await startPolicyFixture({ QUOTA_USER_HOURLY: '5' });
    const { core } = f;
    expect(await core.admin.setLimit(admin, 'userHourly', 1)).toEqual({
      key: 'userHourly',
      old: 5,
      new: 1,
      isDefault: false,
    });
    await core.admin.setLimit(admin, 'budgetMonthlyMicros', 25_000_000);
    // A second process on the same database (as after a restart) sees and enforces them.
    const other = await createCore(parseConfig(f.env), pino({ level: 'silent' }), {
      limiterId: `admin-${Date.now()}-${Math.random()}`,
    });
    try {
      expect((await other.admin.limits(admin)).effective).toMatchObject({
        userHourly: 1,
        budgetMonthlyMicros: 25_000_000,
        userInFlight: 20,
      });
      await other.service.waitFor((await other.service.request({ requester: grace, params })).id);
      const refused = await settle(other.service.request({ requester: grace, params }));
      expect(refused).toMatchObject({ ok: false, error: { code: 'quota_exceeded' } });
      expect(!refused.ok && refused.error.message).toMatch(
        /used 1 of 1 images this hour; more at \d\d:00 UTC/,
      );
    } finally {
      await other.close(2_000);
    }
    expect(await core.admin.setLimit(admin, 'userHourly', null)).toEqual({
      key: 'userHourly',
      old: 1,
      new: 5,
      isDefault: true,
    });
    const settings = await auditOf(f, 'settings');
    expect(settings.map((e) => e.details)).toEqual([
      { setting: 'userHourly', old: 1, new: 5, oldOverride: 1, newOverride: null },
      { setting: 'budgetMonthlyMicros', old: 0, new: 25_000_000, oldOverride: null, newOverride: 25_000_000 },
      { setting: 'userHourly', old: 5, new: 1, oldOverride: null, newOverride: 1 },
    ]);
  });

  it('reports this workspace only: stats by status and failure class, usage per user and model', async () => {
    f = await startPolicyFixture();
    const { core, fal } = f;
    await core.service.waitFor((await core.service.request({ requester: ada, params })).id);
    await core.service.waitFor((await core.service.request({ requester: grace, params })).id);
    await core.service.waitFor((await core.service.request({ requester: grace, params })).id);
    fal.setKnobs({ reject422: true });
    await core.service.waitFor((await core.service.request({ requester: grace, params })).id);
    fal.setKnobs({ reject422: false });
    const outsider = { ...grace, workspaceId: 'g2', userId: 'linus' };
    await core.service.waitFor((await core.service.request({ requester: outsider, params })).id);

    const stats = await core.admin.stats(admin);
    expect(stats).toMatchObject({ jobs: 4, byStatus: { done: 3, failed: 1 }, failures: { user: 1 } });
    expect(stats.costMicros).toBeGreaterThan(0);
    expect(stats.queue).toEqual({ waiting: 0, running: 0 });
    expect(Object.values(stats.circuit)).toContain('closed');

    const usage = await core.admin.usage(admin, 'month');
    expect(usage.users.map((u) => [u.key, u.jobs])).toEqual([
      ['grace', 2],
      ['ada', 1],
    ]);
    expect(usage.models).toHaveLength(1);
    expect(usage.models[0]?.jobs).toBe(3);
    await expect(core.admin.stats(ada)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
