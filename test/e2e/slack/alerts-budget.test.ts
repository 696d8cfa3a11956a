import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCostMicros } from '../../../src/core/pricing.js';
import type { StatusEvent } from '../../../src/core/status.js';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const OPS = 'C0GENERAL1';
const ALL_DIMENSIONS =
  'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

describe('Slack budget alerts (real Bolt, emulated Slack and fal)', () => {
  let f: SlackBotFixture;
  const events: StatusEvent[] = [];

  beforeAll(async () => {
    // Daily budgets: the bot's clock starts well clear of midnight UTC so the day cannot change mid-test.
    f = await startSlackBotFixture({
      env: { ALERT_CHANNEL: `slack:${OPS}`, QUOTA_USER_IN_FLIGHT: '0' },
      clearOfBoundaries: true,
    });
    f.bot.core.service.onStatus((e) => events.push(e));
  });
  afterAll(async () => {
    await f?.close();
  });

  /** /generate with these seeds at once; resolves when every job is done. */
  const generate = async (...seeds: number[]) => {
    await Promise.all(
      seeds.map((seed) =>
        f.slack.slashCommand({
          userId: MAYA,
          channelId: ART,
          command: '/generate',
          text: `${ALL_DIMENSIONS} seed:${seed}`,
        }),
      ),
    );
    const finals = await f.until(() => {
      const found = seeds.map((s) =>
        events.find((e) => e.generation.seed === s && ['done', 'failed', 'blocked'].includes(e.update.kind)),
      );
      return found.every(Boolean) ? found : undefined;
    }, 20_000);
    for (const e of finals) expect(e?.update.kind).toBe('done');
    return finals.map((e) => e!.generation);
  };
  const opsTexts = () => f.botMessages(OPS).map((m) => m.text ?? '');

  it('crossing 80 % of the daily budget posts once to the ops channel', async () => {
    const [first] = await generate(1);
    const cost = first!.costMicros;
    // The policy admits a job on its estimate (the requested size); the emulator renders smaller images,
    // so recorded costs can be lower. The budget leaves room for one estimate after the crossing job.
    const queued = events.find((e) => e.generation.seed === 1 && e.update.kind === 'queued')!.generation;
    const estimate = estimateCostMicros(queued.model, queued.width ?? 1024, queued.height ?? 1024);
    expect(cost).toBeGreaterThan(0);
    const crossing = Math.ceil((4 * estimate) / cost) + 1; // jobs in all when 80 % is crossed
    const budget = Math.floor((crossing * cost) / 0.8);
    expect((crossing - 1) * cost).toBeLessThan(0.8 * budget);
    expect(crossing * cost + estimate).toBeLessThanOrEqual(budget);
    expect((crossing + 1) * cost).toBeLessThan(budget);

    // Earlier spend today, before the workspace had a budget: just under 80 % of the one it gets now.
    await generate(...Array.from({ length: crossing - 2 }, (_, i) => 100 + i));
    const workspace = first!.workspaceId;
    await f.bot.core.limits.set('slack', workspace, { budgetDailyMicros: budget }, 'test');
    await f.bot.alerts.monitor.idle();
    expect(opsTexts()).toEqual([]);

    await generate(2);
    const alert = await f.until(() => opsTexts()[0]);
    const usd = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;
    const pct = Math.round(((crossing * cost) / budget) * 100);
    expect(alert).toContain(
      `💸 Budget: Slack workspace ${workspace} has spent ${usd(crossing * cost)} of its ${usd(budget)} daily budget (${pct} %; alert at 80 %).`,
    );
    expect(alert).toMatch(/At 100 % new images there are refused until 00:00 UTC on \d{4}-\d\d-\d\d\./);

    // Another paid image, still between 80 % and 100 %: no second post.
    await generate(3);
    await f.bot.alerts.monitor.idle();
    expect(opsTexts()).toEqual([alert]);
    const rows = await f.bot.core.database.client.execute(
      "SELECT key FROM alert_state WHERE key LIKE 'budget:%'",
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(rows.rows.map((r) => r.key)).toEqual([`budget:slack:${workspace}:daily:${today}:80`]);
    const counted = await f.bot.metrics.alerts.get();
    expect(counted.values.map((v) => [v.labels.condition, v.value])).toEqual([['budget', 1]]);
  });
});
