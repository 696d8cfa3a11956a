/**
 * The ops listener: /metrics (every workspace id with its spend) and the detailed /readyz are served on
 * OPS_HOST:OPS_PORT, loopback by default, not on the public port, which keeps a /healthz that does no
 * I/O. Readiness (a file written, fsynced and deleted, a database query) runs at most once a second
 * however many ask.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { registerOpsRoutes } from '../../../src/web/ops-routes.js';
import { createReadiness } from '../../../src/web/readiness.js';
import { createWebServer } from '../../../src/web/server.js';
import { type AdminFixture, startAdminFixture } from './admin-fixture.js';

describe('public port and ops listener of the real bot', () => {
  let f: AdminFixture;
  beforeAll(async () => {
    f = await startAdminFixture();
  }, 30_000);
  afterAll(() => f?.close());

  it('keeps /metrics and /readyz off the public port; /healthz there answers without I/O', async () => {
    for (const path of ['/metrics', '/readyz']) expect((await f.get(path)).status, path).toBe(404);
    const health = await f.get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  });

  it('serves /metrics, the detailed /readyz and /healthz on the ops listener (loopback)', async () => {
    expect(f.bot.opsPort).not.toBe(f.bot.port);
    const metrics = await f.opsGet('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toMatch(/^atelier_queue_depth /m);
    const ready = await f.opsGet('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    const body = JSON.parse(ready.body) as { status: string; checks: Array<{ name: string; ok: boolean }> };
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => c.name)).toEqual(['database', 'storage', 'scheduler', 'provider']);
    expect((await f.opsGet('/healthz')).status).toBe(200);
  });
});

describe('readiness reuse', () => {
  const counting = () => {
    const runs = { database: 0, storage: 0 };
    const checks = [
      { name: 'database', check: async () => void runs.database++ },
      { name: 'storage', check: async () => void runs.storage++ },
    ];
    return { runs, checks };
  };

  it('shares one run among concurrent callers and reuses it for a second', async () => {
    const { runs, checks } = counting();
    let now = 0;
    const readiness = createReadiness(checks, { reuseMs: 1_000, now: () => now });
    const reports = await Promise.all(Array.from({ length: 50 }, () => readiness()));
    expect(runs).toEqual({ database: 1, storage: 1 });
    expect(new Set(reports).size).toBe(1);
    now = 999;
    await readiness();
    expect(runs).toEqual({ database: 1, storage: 1 });
    now = 1_000;
    await readiness();
    expect(runs).toEqual({ database: 2, storage: 2 });
  });

  it('reports each failing check by name, with a time limit', async () => {
    const readiness = createReadiness(
      [
        { name: 'database', check: () => Promise.reject(new Error('SQLITE_BUSY')) },
        { name: 'storage', check: () => new Promise<void>(() => {}) },
        {
          name: 'scheduler',
          check: () => {
            throw new Error('Redis is away');
          },
        },
      ],
      { timeoutMs: 50 },
    );
    expect(await readiness()).toEqual({
      ok: false,
      checks: [
        { name: 'database', ok: false, error: 'SQLITE_BUSY' },
        { name: 'storage', ok: false, error: 'no answer within 50 ms' },
        { name: 'scheduler', ok: false, error: 'Redis is away' },
      ],
    });
  });

  it('over HTTP: 40 /readyz at once run the checks once', async () => {
    const { runs, checks } = counting();
    const ops = createWebServer(pino({ level: 'silent' }));
    registerOpsRoutes(ops, {
      readiness: createReadiness(checks),
      metrics: async () => ({ contentType: 'text/plain', text: '' }),
    });
    const { port } = await ops.listen(0, '127.0.0.1');
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status)),
      );
      expect(answers.every((s) => s === 200)).toBe(true);
      expect(runs).toEqual({ database: 1, storage: 1 });
    } finally {
      await ops.close();
    }
  });
});

describe('OPS_HOST and OPS_PORT', () => {
  it('default to loopback:9464; 0 asks for any free port; a bad port names the variable', () => {
    expect(parseConfig({}).ops).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseConfig({ OPS_HOST: '0.0.0.0', OPS_PORT: '0' }).ops).toEqual({ host: '0.0.0.0', port: 0 });
    expect(() => parseConfig({ OPS_PORT: '70000' })).toThrow(ConfigError);
    expect(() => parseConfig({ OPS_PORT: 'nine' })).toThrow(/OPS_PORT/);
  });
});
