import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../../../src/core/alerts/alert-monitor.js';
import type { Alert, AlertClaims, BudgetReader } from '../../../../src/core/alerts/alert-types.js';
import { createLogger } from '../../../../src/infra/logger.js';
import { done, failed, fakeBudgets, fakeClock, memoryClaims } from './alert-fakes.js';

const NOW = Date.UTC(2026, 10, 21, 15, 0, 0); // 2026-11-21 15:00 UTC
const WINDOW = 30 * 60_000;
const silent = createLogger('silent');

function monitorWith(
  options: { claims?: AlertClaims; budgets?: BudgetReader; errorRate?: number; thresholds?: number[] } = {},
) {
  const time = fakeClock(NOW);
  const sent: Alert[] = [];
  const monitor = createAlertMonitor({
    settings: {
      windowMs: WINDOW,
      errorRate: options.errorRate ?? 0.25,
      budgetThresholds: options.thresholds ?? [0.8, 1],
    },
    claims: options.claims ?? memoryClaims(),
    ...(options.budgets ? { budgets: options.budgets } : {}),
    sink: (alert) => {
      sent.push(alert);
    },
    clock: time.clock,
    log: silent,
  });
  return { monitor, sent, ...time };
}

describe('error rate alerts', () => {
  it('fires once the failed share of at least 10 finished jobs reaches the threshold, once per window', async () => {
    const { monitor, sent, advance } = monitorWith();
    for (let i = 0; i < 8; i++) monitor.observeJob(done());
    monitor.observeJob(failed());
    monitor.observeJob(failed('fatal'));
    await monitor.idle();
    expect(sent).toEqual([]); // 2 of 10 = 20 % < 25 %

    monitor.observeJob(failed());
    await monitor.idle();
    expect(sent).toHaveLength(1); // 3 of 11 = 27 %
    expect(sent[0]).toMatchObject({ condition: 'error_rate', key: 'error_rate' });
    expect(sent[0]?.text).toContain('3 of 11 images failed in the last 30 min (27 %; alert at 25 %)');
    expect(sent[0]?.text).toContain('By class: retryable 2, fatal 1');

    // The bad spell goes on: still one alert in the window.
    for (let i = 0; i < 20; i++) monitor.observeJob(failed());
    await monitor.idle();
    expect(sent).toHaveLength(1);

    // A window later it is still failing: a new alert.
    advance(WINDOW);
    for (let i = 0; i < 10; i++) monitor.observeJob(failed());
    await monitor.idle();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.text).toContain('10 of 10 images failed');
  });

  it('needs 10 finished jobs in the window: failures from before the window do not count', async () => {
    const { monitor, sent, advance } = monitorWith();
    for (let i = 0; i < 9; i++) monitor.observeJob(failed());
    await monitor.idle();
    expect(sent).toEqual([]);
    advance(WINDOW + 1);
    monitor.observeJob(failed());
    for (let i = 0; i < 8; i++) monitor.observeJob(done());
    await monitor.idle();
    expect(sent).toEqual([]); // 1 of 9 in the window
    monitor.observeJob(failed());
    monitor.observeJob(failed());
    await monitor.idle();
    expect(sent.map((a) => a.text)).toEqual([expect.stringContaining('3 of 11 images failed')]);
  });

  it('ignores events that are not final', async () => {
    const { monitor, sent } = monitorWith({ errorRate: 0.01 });
    const { generation } = failed();
    for (let i = 0; i < 20; i++)
      monitor.observeJob({ generation, update: { kind: 'generating', progress: 0.5 }, at: NOW });
    await monitor.idle();
    expect(sent).toEqual([]);
  });
});

describe('provider alerts', () => {
  it('fal rate limiting: 5 answers of 429 within a minute fire one alert; spread out they do not', async () => {
    const spread = monitorWith();
    for (let i = 0; i < 8; i++) {
      spread.monitor.observeProvider({ kind: 'rate_limited', model: 'fal-ai/flux/schnell' });
      spread.advance(20_000); // at most 3 in any minute
    }
    await spread.monitor.idle();
    expect(spread.sent).toEqual([]);

    const { monitor, sent, advance } = monitorWith();
    for (let i = 0; i < 4; i++)
      monitor.observeProvider({ kind: 'rate_limited', model: 'fal-ai/flux/schnell' });
    await monitor.idle();
    expect(sent).toEqual([]);
    monitor.observeProvider({ kind: 'rate_limited', model: 'fal-ai/flux/dev' });
    for (let i = 0; i < 10; i++) monitor.observeProvider({ kind: 'rate_limited', model: 'fal-ai/flux/dev' });
    await monitor.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(
      '5 answers of HTTP 429 in the last 1 min (fal-ai/flux/schnell, fal-ai/flux/dev)',
    );
    expect(sent[0]?.text).toContain('PROVIDER_CONCURRENCY');
    advance(WINDOW);
    for (let i = 0; i < 5; i++) monitor.observeProvider({ kind: 'rate_limited', model: 'fal-ai/flux/dev' });
    await monitor.idle();
    expect(sent).toHaveLength(2);
  });

  it('circuit: one alert per model per window when it opens, and a recovery note when it closes', async () => {
    const { monitor, sent, advance } = monitorWith();
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'open' });
    await monitor.idle();
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'halfOpen' });
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'open' });
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/dev', state: 'open' });
    await monitor.idle();
    expect(sent.map((a) => [a.condition, a.key])).toEqual([
      ['circuit_open', 'circuit_open:fal-ai/flux/schnell'],
      ['circuit_open', 'circuit_open:fal-ai/flux/dev'],
    ]);
    expect(sent[0]?.text).toMatch(/^🔴 Circuit open for fal-ai\/flux\/schnell: .*FAL_FALLBACK_MODELS/);

    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'closed' });
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'closed' });
    await monitor.idle();
    expect(sent.slice(2).map((a) => a.text)).toEqual([
      '🟢 Circuit closed for fal-ai/flux/schnell: it answers again and jobs go to it as usual. No action needed.',
    ]);

    // Opening again within the window stays quiet (and so does its closing); after the window it is news.
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'open' });
    await monitor.idle();
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'closed' });
    await monitor.idle();
    expect(sent).toHaveLength(3);
    advance(WINDOW);
    monitor.observeProvider({ kind: 'circuit', model: 'fal-ai/flux/schnell', state: 'open' });
    await monitor.idle();
    expect(sent.map((a) => a.condition)).toEqual([
      'circuit_open',
      'circuit_open',
      'circuit_closed',
      'circuit_open',
    ]);
  });

  it('replicas sharing the alert state send one alert between them', async () => {
    const claims = memoryClaims();
    const a = monitorWith({ claims });
    const b = monitorWith({ claims });
    a.monitor.observeProvider({ kind: 'circuit', model: 'm', state: 'open' });
    b.monitor.observeProvider({ kind: 'circuit', model: 'm', state: 'open' });
    await Promise.all([a.monitor.idle(), b.monitor.idle()]);
    expect(a.sent.length + b.sent.length).toBe(1);
    // Only the replica that announced the opening announces the recovery.
    a.monitor.observeProvider({ kind: 'circuit', model: 'm', state: 'closed' });
    b.monitor.observeProvider({ kind: 'circuit', model: 'm', state: 'closed' });
    await Promise.all([a.monitor.idle(), b.monitor.idle()]);
    expect([...a.sent, ...b.sent].map((x) => x.condition).sort()).toEqual(['circuit_closed', 'circuit_open']);
  });

  it('when the shared state cannot be reached it still alerts, once per window from this process', async () => {
    const broken: AlertClaims = {
      claim: async () => {
        throw new Error('database is locked');
      },
    };
    const { monitor, sent } = monitorWith({ claims: broken });
    for (let i = 0; i < 3; i++) monitor.observeProvider({ kind: 'circuit', model: 'm', state: 'open' });
    await monitor.idle();
    expect(sent).toHaveLength(1);
  });
});

describe('budget alerts', () => {
  it('fires once per threshold per period, naming the workspace, the numbers and the reset', async () => {
    const budgets = fakeBudgets({ dailyMicros: 10_000_000, monthlyMicros: 0 });
    const { monitor, sent, advance } = monitorWith({ budgets: budgets.reader });
    budgets.spend.daily = 7_900_000;
    monitor.observeJob(done());
    await monitor.idle();
    expect(sent).toEqual([]);

    budgets.spend.daily = 8_100_000;
    monitor.observeJob(done());
    monitor.observeJob(done());
    await monitor.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.key).toBe('budget:discord:G1:daily:2026-11-21:80');
    expect(sent[0]?.text).toBe(
      '💸 Budget: Discord server G1 has spent $8.10 of its $10.00 daily budget (81 %; alert at 80 %). ' +
        'At 100 % new images there are refused until 00:00 UTC on 2026-11-22. ' +
        'To allow more, an admin there can run /atelier budget daily <dollars> (default for everyone: BUDGET_WORKSPACE_DAILY_USD).',
    );

    // An hour later still over 80 % (a window has passed): the key names the day, so no repeat.
    advance(60 * 60_000);
    budgets.spend.daily = 9_000_000;
    monitor.observeJob(done());
    await monitor.idle();
    expect(sent).toHaveLength(1);

    budgets.spend.daily = 10_000_000;
    monitor.observeJob(done());
    await monitor.idle();
    expect(sent.map((a) => a.key)).toEqual([
      'budget:discord:G1:daily:2026-11-21:80',
      'budget:discord:G1:daily:2026-11-21:100',
    ]);
    expect(sent[1]?.text).toContain('New images there are refused until 00:00 UTC on 2026-11-22.');

    // The next day starts afresh.
    advance(24 * 60 * 60_000);
    budgets.spend.daily = 8_500_000;
    monitor.observeJob(done());
    await monitor.idle();
    expect(sent.at(-1)?.key).toBe('budget:discord:G1:daily:2026-11-22:80');
  });

  it('a job that jumps past several thresholds says only the highest; monthly budgets are separate', async () => {
    const budgets = fakeBudgets({ dailyMicros: 0, monthlyMicros: 20_000_000 });
    const { monitor, sent } = monitorWith({ budgets: budgets.reader });
    budgets.spend.monthly = 21_000_000;
    monitor.observeJob(done({ platform: 'slack', workspaceId: 'T1' }));
    await monitor.idle();
    expect(sent.map((a) => a.key)).toEqual(['budget:slack:T1:monthly:2026-11:100']);
    expect(sent[0]?.text).toContain(
      'Slack workspace T1 has spent $21.00 of its $20.00 monthly budget (105 %',
    );
  });

  it('jobs that cost nothing (reused images, failures) do not look at budgets', async () => {
    let asked = 0;
    const budgets: BudgetReader = {
      budgets: async () => {
        asked++;
        return { dailyMicros: 1, monthlyMicros: 1 };
      },
      spendMicros: async () => 10,
    };
    const { monitor, sent } = monitorWith({ budgets });
    monitor.observeJob(done({ costMicros: 0 }));
    monitor.observeJob(failed());
    await monitor.idle();
    expect(asked).toBe(0);
    expect(sent).toEqual([]);
    monitor.observeJob(done());
    await monitor.idle();
    expect(asked).toBe(1);
  });
});
