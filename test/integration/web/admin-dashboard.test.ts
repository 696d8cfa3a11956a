/**
 * The usage dashboard over HTTP against the real bot (startBot) and a real libSQL file: auth (bearer,
 * one-time token link → cookie, forged cookies), charts and tables built from seeded records, filters,
 * the JSON twin, and the per-workspace counters in /metrics fed by real jobs.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../../src/core/types.js';
import { signAdminCookie } from '../../../src/web/admin/admin-auth.js';
import { bucketLabel, shortBucketLabel } from '../../../src/web/admin/admin-format.js';
import { registerAdminRoutes } from '../../../src/web/admin/register-admin-routes.js';
import type { UsageJson } from '../../../src/web/admin/usage-json.js';
import { escapeHtml } from '../../../src/web/gallery/html.js';
import { createWebServer } from '../../../src/web/server.js';
import { earlierToday } from '../../helpers/clock-windows.js';
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
} from './admin-fixture.js';

const A = { platform: 'discord', workspaceId: 'guild-a', model: SCHNELL } as const;
const B = { platform: 'slack', workspaceId: 'T-B', model: DEV } as const;
const XSS_WORKSPACE = '<img src=x onerror=alert(1)>';
/** recent() seeds are "earlier today" (UTC): placed when seeded, two hours back or less just after midnight. */
const TODAY = 2 * HOUR;
const placed = (s: Seed, now: number): Seed => (s.ago === TODAY ? { ...s, ago: earlierToday(now) } : s);
const recent = (s: Partial<Seed> & Pick<Seed, 'userId' | 'status' | 'totalMs'>): Seed => ({
  ...A,
  ago: TODAY,
  providerMs: s.totalMs / 2,
  costMicros: s.status === 'failed' ? 0 : 3146,
  ...s,
});
/** guild-a, earlier today: 5 done, 3 failed (2 retryable, 1 user), 1 blocked, 1 still queued. */
const RECENT_A: Seed[] = [
  ...[1000, 2000, 3000, 4000].map((totalMs) => recent({ userId: 'alice', status: 'done', totalMs })),
  recent({ userId: 'bob', status: 'done', totalMs: 5000 }),
  recent({ userId: 'alice', status: 'failed', errorClass: 'retryable', totalMs: 8000 }),
  recent({ userId: 'alice', status: 'failed', errorClass: 'retryable', totalMs: 9000 }),
  recent({ userId: 'bob', status: 'failed', errorClass: 'user', totalMs: 10_000 }),
  recent({ userId: 'alice', status: 'blocked', totalMs: 7000 }),
  recent({ userId: 'carol', status: 'queued', totalMs: 0, costMicros: 0 }),
];
/** T-B on flux/dev, three days ago: 3 done, 1 fatal failure. */
const OLDER_B: Seed[] = [
  ...[1, 2, 3].map(() => ({
    ...B,
    userId: 'dave',
    status: 'done' as const,
    ago: 3 * DAY,
    totalMs: 20_000,
    providerMs: 15_000,
    costMicros: 26_214,
  })),
  {
    ...B,
    userId: 'dave',
    status: 'failed',
    errorClass: 'fatal',
    ago: 3 * DAY,
    totalMs: 1000,
    providerMs: 0,
    costMicros: 0,
  },
];
/** guild-a twenty days ago: only in the 30-day range. */
const OLD_A: Seed[] = [1, 2].map(() =>
  recent({ userId: 'alice', status: 'done', totalMs: 3000, ago: 20 * DAY }),
);
const XSS: Seed = recent({ userId: '<b>eve</b>', status: 'done', totalMs: 1000, workspaceId: XSS_WORKSPACE });

/** Nearest rank: the ceil(n·p)-th smallest. */
const rank = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * p) - 1];
const bearer = { authorization: `Bearer ${TOKEN}` };

let f: AdminFixture;
let real: Generation[];
beforeAll(async () => {
  // The 7-day view counts today's records in one bucket: the fixture's clock keeps the seeding and the
  // real jobs on one day.
  f = await startAdminFixture();
  await f.seed([...RECENT_A, ...OLDER_B, ...OLD_A, XSS].map((s) => seedRecord(placed(s, f.now), f.now)));
  const { service } = f.bot.core;
  real = await Promise.all(
    [1, 2].map(async () => {
      const job = await service.request({
        requester: { platform: 'discord', workspaceId: 'g-real', channelId: 'c', userId: 'real-user' },
        params: { catalogId: 'capitao-caverna', options: { style: 'watercolor' } },
      });
      return service.waitFor(job.id);
    }),
  );
}, 30_000);
afterAll(async () => {
  await f?.close();
});

const json = async (path: string, headers: Record<string, string> = bearer) => {
  const res = await f.get(path, headers);
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as UsageJson;
};

describe('dashboard auth', () => {
  it('refuses a missing or wrong credential with one 401 that leaks nothing', async () => {
    const attempts: [string, Record<string, string>][] = [
      ['/admin', {}],
      ['/admin', { authorization: 'Bearer not-the-token-at-all' }],
      ['/admin', { authorization: `Basic ${TOKEN}` }],
      ['/admin?token=wrong-token-0123456789', {}],
      ['/admin/usage.json', {}],
      ['/admin/usage.json?token=wrong-token-0123456789', {}],
    ];
    for (const [path, headers] of attempts) {
      const res = await f.get(path, headers);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('set-cookie'), path).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      for (const secret of [TOKEN, 'wrong-token', 'guild-a', 'alice']) expect(res.body).not.toContain(secret);
    }
  });

  it('turns a one-time ?token= into an HttpOnly, SameSite=Strict cookie and strips the token by redirect', async () => {
    const login = await f.get(`/admin?range=24h&token=${TOKEN}&ws=discord%3Aguild-a`);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin?range=24h&ws=discord%3Aguild-a');
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^atelier_admin=v1\.\d+\.[\w-]{43}; /);
    for (const attr of ['HttpOnly', 'SameSite=Strict', 'Path=/admin', 'Max-Age='])
      expect(setCookie).toContain(attr);
    expect(setCookie).not.toContain(TOKEN);
    expect(setCookie).not.toContain('Secure'); // PUBLIC_BASE_URL is http here
    const cookie = setCookie.split(';')[0]!;

    const page = await f.get(login.headers.get('location')!, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Atelier usage');
    expect(page.body).not.toContain(TOKEN);
    expect((await json('/admin/usage.json?range=24h', { cookie })).range).toBe('24h');
  });

  it('refuses forged, foreign, expired and raw-token cookies', async () => {
    const good = signAdminCookie(TOKEN, f.clock.now() + HOUR);
    expect((await f.get('/admin', { cookie: `atelier_admin=${good}` })).status).toBe(200);
    const tampered = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const forged = [
      tampered,
      signAdminCookie('another-token-0123456789abcdef', f.clock.now() + HOUR),
      signAdminCookie(TOKEN, f.clock.now() - 1000),
      // A valid signature moved to a later expiry.
      good.replace(/^v1\.(\d+)\./, (_, exp: string) => `v1.${Number(exp) + 86_400}.`),
      TOKEN,
    ];
    for (const value of forged) {
      const res = await f.get('/admin', { cookie: `atelier_admin=${value}` });
      expect(res.status, value).toBe(401);
    }
  });

  it('answers 404 naming the setting when no token is configured', async () => {
    const web = createWebServer(pino({ level: 'silent' }));
    registerAdminRoutes(web, {
      source: { report: () => Promise.reject(new Error('must not be read')) },
      token: undefined,
      publicBaseUrl: 'http://127.0.0.1',
      log: pino({ level: 'silent' }),
    });
    const { port } = await web.listen(0, '127.0.0.1');
    try {
      const page = await fetch(`http://127.0.0.1:${port}/admin?token=${TOKEN}`, { headers: bearer });
      expect(page.status).toBe(404);
      const text = await page.text();
      expect(text).toContain('dashboard is off');
      expect(text).toContain('DASHBOARD_TOKEN');
      const data = await fetch(`http://127.0.0.1:${port}/admin/usage.json`);
      expect(data.status).toBe(404);
      expect(await data.json()).toMatchObject({ error: 'dashboard_off' });
    } finally {
      await web.close();
    }
  });
});

describe('dashboard data', () => {
  it('serves a self-contained page: inline SVG charts with titles, nonce’d style/script, a CSP with no sources', async () => {
    const { status, headers, body } = await f.get('/admin?range=7d', bearer);
    expect(status).toBe(200);
    const csp = headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
    for (const tag of body.match(/<(script|style)\b[^>]*>/g)!) expect(tag).toContain(`nonce="${nonce}"`);
    expect(body).not.toMatch(/(src|href)="https?:/);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.match(/<svg class="chart"[^>]*role="img"/g)).toHaveLength(5);
    for (const title of ['Jobs over time', 'Failures by error class', 'Estimated cost over time'])
      expect(body).toContain(`>${title}</title>`);
    expect(body).toContain(`<desc id="jobs-d">`);
    // Escaped user data, never markup.
    expect(body).not.toContain(XSS_WORKSPACE);
    expect(body).toContain(escapeHtml(XSS_WORKSPACE));
    expect(body).not.toContain('<b>eve</b>');
  });

  it('draws every bucket of the seeded records in the jobs and cost charts and their tables', async () => {
    const data = await json('/admin/usage.json?range=7d');
    const { body } = await f.get('/admin?range=7d', bearer);
    const withJobs = data.buckets.filter((b) => b.done + b.failed + b.blocked > 0);
    expect(withJobs.length).toBe(2); // today (guild-a, g-real, xss) and three days ago (T-B)
    for (const b of withJobs) {
      const start = Date.parse(b.start);
      const label = shortBucketLabel(start, DAY);
      if (b.done > 0) expect(body).toContain(`<title>${label}: done ${b.done}</title>`);
      if (b.failed > 0) expect(body).toContain(`<title>${label}: failed ${b.failed}</title>`);
      expect(body).toMatch(
        new RegExp(`<th scope="row">${bucketLabel(start, DAY)}</th><td class="num">${b.done}</td>`),
      );
    }
    const older = data.buckets.find((b) => b.done === 3)!;
    expect(older).toMatchObject({ failed: 1, costMicros: 3 * 26_214 });
    expect(body).toContain(`<title>${shortBucketLabel(Date.parse(older.start), DAY)}: cost $0.0786</title>`);
    expect(body).toContain('<th scope="row">Fatal</th><td class="num">1</td>');
  });

  it('filters by workspace: counts, failures by class and exact nearest-rank percentiles of that workspace', async () => {
    const data = await json('/admin/usage.json?range=24h&ws=discord%3Aguild-a');
    expect(data.filters).toEqual({ workspace: { platform: 'discord', workspaceId: 'guild-a' }, model: null });
    expect(data.buckets).toHaveLength(24);
    expect(data.totals).toMatchObject({
      jobs: 10,
      done: 5,
      failed: 3,
      blocked: 1,
      running: 1,
      costMicros: 6 * 3146,
    });
    expect(data.failuresByClass).toEqual([
      { errorClass: 'retryable', count: 2 },
      { errorClass: 'user', count: 1 },
    ]);
    const finished = RECENT_A.filter((s) => s.status !== 'queued');
    const done = RECENT_A.filter((s) => s.status === 'done');
    const summary = (ms: number[]) => ({ p50Ms: rank(ms, 0.5), p95Ms: rank(ms, 0.95), samples: ms.length });
    expect(data.latency.total).toEqual(summary(finished.map((s) => s.totalMs)));
    expect(data.latency.provider).toEqual(summary(done.map((s) => s.providerMs)));
    const bucket = data.buckets.find((b) => b.jobs > 0)!;
    expect(bucket.latency.total.p95Ms).toBe(10_000);
    expect(data.workspaces.map((w) => w.workspaceId)).toEqual(['guild-a']);
    expect(data.topUsers.map((u) => [u.userId, u.jobs])).toEqual([
      ['alice', 7],
      ['bob', 2],
      ['carol', 1],
    ]);
    // The choices still offer every workspace of the window.
    expect(data.choices.workspaces.map((w) => w.workspaceId)).toEqual(
      expect.arrayContaining(['guild-a', 'g-real', XSS_WORKSPACE]),
    );

    const { body } = await f.get('/admin?range=24h&ws=discord%3Aguild-a', bearer);
    expect(body).toContain('<option value="discord:guild-a" selected>');
    expect(body).toContain('<option value="discord:g-real">');
    expect(body).not.toContain('<th scope="row">Discord · g-real</th>');
    expect(body).toContain('<th scope="row">Discord · guild-a</th>');
  });

  it('filters by model and range: flux/dev over 7 days is T-B alone; 30 days adds the old records', async () => {
    const dev = await json(`/admin/usage.json?range=7d&model=${encodeURIComponent(DEV)}`);
    expect(dev.totals).toMatchObject({ jobs: 4, done: 3, failed: 1, costMicros: 3 * 26_214 });
    expect(dev.workspaces.map((w) => w.workspaceId)).toEqual(['T-B']);
    expect(dev.models.map((m) => m.model)).toEqual([DEV]);
    expect(dev.choices.models).toEqual([DEV, SCHNELL]);
    expect(dev.topUsers.map((u) => u.userId)).toEqual(['dave']);

    const week = await json('/admin/usage.json?range=7d&ws=discord%3Aguild-a');
    const month = await json('/admin/usage.json?range=30d&ws=discord%3Aguild-a');
    expect(month.buckets).toHaveLength(30);
    expect(month.totals.done - week.totals.done).toBe(OLD_A.length);
  });

  it('counts the real jobs too, and feeds atelier_workspace_jobs_total / cost in /metrics', async () => {
    expect(real.map((g) => g.status)).toEqual(['done', 'done']);
    const data = await json('/admin/usage.json?range=24h&ws=discord%3Ag-real');
    expect(data.totals).toMatchObject({ jobs: 2, done: 2, costMicros: real[0]!.costMicros * 2 });
    expect(data.latency.provider.samples).toBe(2);

    const metrics = (await f.opsGet('/metrics')).body.split('\n');
    const jobs = metrics.find(
      (l) =>
        l.startsWith('atelier_workspace_jobs_total{') &&
        l.includes('workspace="g-real"') &&
        l.includes('status="done"'),
    );
    expect(jobs).toMatch(/model="fal-ai\/flux\/schnell".* 2$/);
    const cost = metrics.find(
      (l) => l.startsWith('atelier_workspace_cost_usd_total{') && l.includes('workspace="g-real"'),
    );
    expect(Number(cost?.split(' ').at(-1))).toBeCloseTo((real[0]!.costMicros * 2) / 1e6, 6);
    expect(metrics.some((l) => l.startsWith('atelier_workspace_jobs_total{') && l.includes('user'))).toBe(
      false,
    );
  });
});
