import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertStateRepository } from '../../../src/infra/db/alert-state-repository.js';
import { type Database, openDatabase } from '../../../src/infra/db/database.js';
import { createLogger } from '../../../src/infra/logger.js';

const WINDOW = 30 * 60_000;
const T0 = 1_800_000_000_000;
const log = createLogger('silent');

/** Two "processes": separate connections to one database file with the real migrations applied. */
describe('alert state shared by replicas (real libSQL)', () => {
  let dir: string;
  let a: Database;
  let b: Database;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-alerts-'));
    const url = `file:${join(dir, 'atelier.db')}`;
    a = await openDatabase({ url, log });
    b = await openDatabase({ url, log });
  });
  afterEach(async () => {
    a.close();
    b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('of two processes claiming the same key at once exactly one wins, again and again', async () => {
    const ra = createAlertStateRepository(a.db);
    const rb = createAlertStateRepository(b.db);
    for (let round = 0; round < 5; round++) {
      const now = T0 + round * WINDOW;
      const results = await Promise.all([
        ra.claim('circuit_open:fal-ai/flux/schnell', now, WINDOW),
        rb.claim('circuit_open:fal-ai/flux/schnell', now, WINDOW),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it('a key sent within the window is refused to everyone until the window has passed', async () => {
    const ra = createAlertStateRepository(a.db);
    const rb = createAlertStateRepository(b.db);
    expect(await ra.claim('error_rate', T0, WINDOW)).toBe(true);
    expect(await ra.claim('error_rate', T0 + 1, WINDOW)).toBe(false);
    expect(await rb.claim('error_rate', T0 + WINDOW - 1, WINDOW)).toBe(false);
    // Another condition is independent.
    expect(await rb.claim('rate_limited', T0 + 1, WINDOW)).toBe(true);
    expect(await rb.claim('error_rate', T0 + WINDOW, WINDOW)).toBe(true);
    const rows = await a.client.execute("SELECT last_sent_at FROM alert_state WHERE key = 'error_rate'");
    expect(Number(rows.rows[0]?.last_sent_at)).toBe(T0 + WINDOW);
    // A refused claim does not move the time it was last sent.
    expect(await ra.claim('error_rate', T0 + WINDOW + 5, WINDOW)).toBe(false);
    const after = await a.client.execute("SELECT last_sent_at FROM alert_state WHERE key = 'error_rate'");
    expect(Number(after.rows[0]?.last_sent_at)).toBe(T0 + WINDOW);
  });

  it('many concurrent claims across both connections: one winner per key', async () => {
    const repos = [createAlertStateRepository(a.db), createAlertStateRepository(b.db)];
    const keys = ['budget:discord:G1:daily:2026-11-21:80', 'budget:discord:G1:daily:2026-11-21:100'];
    // Each key is claimed by both connections, interleaved.
    const claims = Array.from({ length: 20 }, (_, i) => {
      const key = keys[Math.floor(i / 2) % 2]!;
      return repos[i % 2]!.claim(key, T0 + i, 86_400_000).then((won) => ({ key, won, repo: i % 2 }));
    });
    const results = await Promise.all(claims);
    for (const key of keys) expect(results.filter((r) => r.key === key && r.won)).toHaveLength(1);
  });
});
