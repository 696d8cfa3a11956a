import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type LibsqlServerEmulator,
  startLibsqlServerEmulator,
} from '../../../sandbox/libsql/libsql-emulator.js';
import { createCore } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import type { Requester } from '../../../src/core/types.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };
const params = { catalogId: 'capitao-caverna', options: {} };

describe('the core with DATABASE_URL on a remote libSQL server', () => {
  let emu: LibsqlServerEmulator | undefined;
  let fixture: CoreFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    await emu?.close();
    fixture = undefined;
    emu = undefined;
  });

  it('generates an image end to end and keeps every record on the server', async () => {
    emu = await startLibsqlServerEmulator({ authToken: 'core-token' });
    fixture = await startCoreFixture({ env: { DATABASE_URL: emu.url, DATABASE_AUTH_TOKEN: 'core-token' } });
    const { core, fal } = fixture;

    const created = await core.service.request({ requester: alice, params });
    const done = await core.service.waitFor(created.id);
    expect(done.status).toBe('done');
    expect(done.requestId).toBeTruthy();
    expect(existsSync(join(fixture.dir, 'media', done.imageKey!))).toBe(true);
    expect(fal.stats().submits).toBe(1);
    expect(fixture.eventsFor(created.id).at(-1)?.update.kind).toBe('done');
    const history = await core.service.history({ userId: 'alice', limit: 10, offset: 0 });
    expect(history.items.map((g) => g.id)).toEqual([created.id]);

    // Nothing went to a local file: the server's own database holds the finished record.
    expect(existsSync(join(fixture.dir, 'atelier.db'))).toBe(false);
    const direct = new Database(emu.file);
    try {
      const row = direct.prepare('SELECT status, request_id FROM generations WHERE id = ?').get(created.id);
      expect(row).toMatchObject({ status: 'done', request_id: done.requestId });
    } finally {
      direct.close();
    }
    expect(emu.stats().endpoints['POST /v2/pipeline']).toBeGreaterThan(5);
  });

  it('does not start with a token the server refuses', async () => {
    emu = await startLibsqlServerEmulator({ authToken: 'core-token' });
    const config = parseConfig({
      FAL_KEY: 'test-key',
      DATABASE_URL: emu.url,
      DATABASE_AUTH_TOKEN: 'stale',
      LOG_LEVEL: 'silent',
    });
    await expect(createCore(config, pino({ level: 'silent' }))).rejects.toThrow(/DATABASE_AUTH_TOKEN/);
    expect(emu.stats().unauthorized).toBeGreaterThan(0);
  });
});
