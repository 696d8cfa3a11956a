import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { runAuditCommand } from '../../../src/cli/audit-command.js';
import { parseConfig } from '../../../src/config.js';
import type { Requester } from '../../../src/core/types.js';
import { createLogger } from '../../../src/infra/logger.js';
import { BASE, jobCount, type PolicyFixture, rejection, startPolicyFixture } from './policy-fixture.js';

const ada: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'ada' };
const grace: Requester = { ...ada, userId: 'grace' };
const params = { catalogId: 'capitao-caverna', options: {} };

let f: PolicyFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('quotas and budgets in the generation service (real libSQL, fal emulator)', () => {
  it('refuses past the hourly quota, re-rolls included, says when it resets and records nothing', async () => {
    f = await startPolicyFixture({ QUOTA_USER_HOURLY: '2' });
    const { service } = f.core;
    const first = await service.request({ requester: ada, params });
    await service.waitFor(first.id);
    const reroll = await service.reroll(first.id, ada);
    await service.waitFor(reroll.id);
    const before = await jobCount(f);
    const error = await rejection(service.request({ requester: ada, params }));
    expect(error.code).toBe('quota_exceeded');
    expect(error.message).toBe('You have used 2 of 2 images this hour; more at 14:00 UTC.');
    expect(await jobCount(f)).toBe(before);
    expect(f.fal.stats().accepted).toBe(2);
    // Someone else in the same server still has their own allowance.
    await service.waitFor((await service.request({ requester: grace, params })).id);
    const status = await service.quota(ada);
    expect(status?.userHourly).toEqual({ used: 2, limit: 2, resetsAt: Date.UTC(2026, 2, 14, 14) });
  });

  it('refuses a sequence whole when its frames do not fit in what is left', async () => {
    f = await startPolicyFixture({ QUOTA_USER_DAILY: '3' });
    const error = await rejection(f.core.service.sequence(ada, params));
    expect(error.message).toMatch(
      /^You have used 0 of 3 images today \(this request needs \d+\); more at 00:00 UTC on 2026-03-15\.$/,
    );
    expect(await jobCount(f)).toBe(0);
  });

  it('stops at the workspace budget, but a reused image (same seed) is free and still served', async () => {
    f = await startPolicyFixture();
    const { service } = f.core;
    const first = await service.waitFor((await service.request({ requester: ada, params, seed: 7 })).id);
    expect(first.costMicros).toBeGreaterThan(0);
    await f.core.limits.set(
      'discord',
      'g1',
      { budgetDailyMicros: Math.round(first.costMicros * 1.5) },
      'test',
    );
    const again = await service.waitFor((await service.request({ requester: grace, params, seed: 7 })).id);
    expect(again.statusDetail).toBe(`reused:${first.id}`);
    expect(again.costMicros).toBe(0);
    const error = await rejection(service.request({ requester: grace, params }));
    expect(error.code).toBe('budget_exceeded');
    expect(error.message).toMatch(
      /daily image budget \(\$0\.00 of \$0\.00 spent\); generation resumes at 00:00 UTC on 2026-03-15\.$/,
    );
    const status = await service.quota(ada);
    expect(status?.budgetDaily).toMatchObject({
      used: first.costMicros,
      limit: Math.round(first.costMicros * 1.5),
    });
  });

  it('audits generate, reroll, sequence and refusals; `atelier audit` filters them', async () => {
    f = await startPolicyFixture({ QUOTA_WORKSPACE_DAILY: '10' });
    const { service } = f.core;
    const first = await service.waitFor((await service.request({ requester: ada, params, seed: 3 })).id);
    const reroll = await service.waitFor((await service.reroll(first.id, ada)).id);
    const frames = await service.sequence(grace, params);
    await Promise.all(frames.map((fr) => service.waitFor(fr.id)));
    await rejection(service.request({ requester: grace, params }));
    const entries = await f.core.audit.query({ limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['refused', 'sequence', 'reroll', 'generate']);
    const [refused, sequence, rerolled, generated] = entries;
    expect(generated).toMatchObject({
      userId: 'ada',
      channelId: 'c1',
      targetId: first.id,
      details: { seed: 3 },
    });
    expect(rerolled).toMatchObject({ targetId: reroll.id, details: { parentId: first.id } });
    expect(sequence?.details.frames).toEqual(frames.map((fr) => fr.id));
    expect(refused).toMatchObject({
      userId: 'grace',
      targetId: null,
      details: { for: 'generate', code: 'quota_exceeded' },
    });
    expect(generated!.at).toBeGreaterThanOrEqual(BASE);

    const lines: string[] = [];
    const run = (argv: string[]) =>
      runAuditCommand(parseArgs(argv), {
        config: parseConfig(f!.env),
        log: createLogger('silent'),
        out: (l) => lines.push(l),
        now: () => BASE + 3_600_000,
      });
    expect(await run(['--user', 'ada', '--json'])).toBe(0);
    const json = JSON.parse(lines.join('\n')) as { action: string; at: string }[];
    expect(json.map((e) => e.action)).toEqual(['reroll', 'generate']);
    expect(json[0]?.at).toMatch(/^2026-03-14T13:25:/);
    lines.length = 0;
    await run(['--action', 'refused', '--since', '2h']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^2026-03-14T13:25:\d\d\.\d{3}Z {2}refused {2}grace @ discord:g1\/c1 .*quota_exceeded/,
    );
    lines.length = 0;
    await run(['--since', '2026-03-14T14:00:00Z']);
    expect(lines).toEqual(['No audit entries match.']);
    await expect(run(['--since', 'yesterday'])).rejects.toThrow(/--since/);
    await expect(run(['--action', 'explode'])).rejects.toThrow(/--action/);
  });

  it('finishes the job when the audit log cannot be written', async () => {
    f = await startPolicyFixture();
    await f.core.database.client.execute('DROP TABLE audit_log');
    const done = await f.core.service.waitFor((await f.core.service.request({ requester: ada, params })).id);
    expect(done.status).toBe('done');
  });
});
