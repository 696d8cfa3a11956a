/**
 * The usage dashboard in Chromium: the one-time token link signs in (cookie) and leaves the address bar,
 * the charts render from seeded records with no CSP violation or script error, the filter form works
 * without an Apply click, and a screenshot goes to test-artifacts/browser/admin-dashboard.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, canRunBrowserTests, launchBrowser } from '../helpers/browser.js';
import {
  type AdminFixture,
  DAY,
  DEV,
  HOUR,
  SCHNELL,
  type Seed,
  seedRecord,
  startAdminFixture,
  TOKEN,
} from '../integration/web/admin-fixture.js';

const WAIT = { timeout: 15_000 };

/** A day of traffic in two workspaces: a job every 20 minutes, some failing, plus a few days of history. */
function traffic(): Seed[] {
  const seeds: Seed[] = [];
  for (let i = 0; i < 72; i++) {
    const failed = i % 9 === 4;
    const discord = i % 3 !== 0;
    seeds.push({
      platform: discord ? 'discord' : 'slack',
      workspaceId: discord ? 'guild-1187263544' : 'T0ATELIER1',
      userId: `user-${i % 7}`,
      model: i % 4 === 0 ? DEV : SCHNELL,
      status: failed ? 'failed' : i % 17 === 5 ? 'blocked' : 'done',
      ...(failed ? { errorClass: i % 2 ? 'retryable' : 'user' } : {}),
      ago: i * 20 * 60_000 + 60_000,
      totalMs: 2500 + ((i * 733) % 4000),
      providerMs: 1800 + ((i * 379) % 2500),
      costMicros: failed ? 0 : i % 4 === 0 ? 26_214 : 3146,
    });
  }
  for (let d = 1; d < 6; d++)
    for (let j = 0; j < 4 + d; j++) seeds.push({ ...seeds[j]!, ago: d * DAY + j * HOUR });
  return seeds;
}

describe.skipIf(!canRunBrowserTests())('usage dashboard in Chromium', () => {
  let f: AdminFixture;
  let browser: BrowserSession & { errors: string[] };
  const cspViolations: string[] = [];

  beforeAll(async () => {
    [f, browser] = await Promise.all([startAdminFixture(), launchBrowser({ width: 1440, height: 1100 })]);
    await f.seed(traffic().map((s) => seedRecord(s, f.now)));
    browser.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it('signs in with the token link, drops the token from the URL and renders the charts', async () => {
    const { page } = browser;
    await page.goto(`${f.base}/admin?token=${TOKEN}&range=24h`);
    await page.waitForSelector('h1', WAIT);
    const url = new URL(page.url());
    expect(url.searchParams.has('token')).toBe(false);
    expect(url.searchParams.get('range')).toBe('24h');
    expect(await page.locator('h1').textContent()).toBe('Atelier usage');
    // HttpOnly: the session is invisible to scripts.
    expect(await page.evaluate('document.cookie')).not.toContain('atelier_admin');

    const charts = page.locator('svg.chart[role="img"]');
    expect(await charts.count()).toBe(5);
    expect(await page.locator('#chart-jobs rect').count()).toBeGreaterThan(20);
    expect(await page.locator('#chart-latency-total polyline').count()).toBeGreaterThan(0);
    const box = await page.locator('#chart-jobs svg').boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(await page.getByRole('img', { name: /Jobs over time/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Usage per workspace' }).locator('tbody tr').count()).toBe(
      2,
    );

    await browser.screenshot('admin-dashboard');
    expect(browser.errors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('applies a filter as soon as a select changes (the script runs under the CSP)', async () => {
    const { page } = browser;
    await Promise.all([
      page.waitForURL(/ws=slack%3AT0ATELIER1/, WAIT),
      page.getByLabel('Workspace').selectOption('slack:T0ATELIER1'),
    ]);
    const rows = page.getByRole('table', { name: 'Usage per workspace' }).locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe('Slack · T0ATELIER1');

    await Promise.all([page.waitForURL(/range=7d/, WAIT), page.getByLabel('Range').selectOption('7d')]);
    expect(await page.locator('#chart-jobs rect').count()).toBeGreaterThan(3);
    await browser.screenshot('admin-dashboard-7d-slack');
    expect(browser.errors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
