import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_CLI } from '../../../sandbox/compiled-bot.js';
import { parseArgs, UsageError } from '../../../src/cli/args.js';
import { runPurgeCommand } from '../../../src/cli/purge-command.js';
import type { Generation, Requester } from '../../../src/core/types.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const grace: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'grace' };

/** `npx atelier …` (the compiled CLI) as an operator runs it, against the fixture's database and storage. */
function atelier(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [COMPILED_CLI, ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('atelier purge (operators)', () => {
  let f: CoreFixture;
  let graces: Generation[];
  let other: Generation;

  beforeAll(async () => {
    f = await startCoreFixture();
    const make = async (who: Requester) =>
      f.core.service.waitFor(
        (
          await f.core.service.request({
            requester: who,
            params: { catalogId: 'capitao-caverna', options: {} },
          })
        ).id,
      );
    graces = await Promise.all([make(grace), make(grace)]);
    other = await make({ ...grace, userId: 'linus' });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('deletes every result of the user in the workspace and prints the counts; a rerun finds nothing', async () => {
    const env = { ...f.env, LOG_LEVEL: 'silent' };
    const run = await atelier(
      ['purge', '--platform', 'discord', '--workspace', 'g1', '--user', 'grace'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('discord workspace g1, user grace: 2 deleted, 0 failed.');
    for (const g of graces) {
      expect(await f.core.generations.get(g.id)).toMatchObject({ status: 'deleted', imageKey: null });
      expect(await f.core.store.get(g.imageKey!)).toBeNull();
    }
    expect((await f.core.generations.get(other.id))?.status).toBe('done');
    const audit = await f.core.audit.query({ action: 'purge', limit: 5 });
    expect(audit[0]).toMatchObject({ workspaceId: 'g1', details: { targetUserId: 'grace', deleted: 2 } });
    expect(audit[0]?.userId).toMatch(/^operator:/);

    const lines: string[] = [];
    const again = parseArgs(['--platform', 'discord', '--workspace', 'g1', '--user', 'grace', '--json']);
    expect(await runPurgeCommand(again, f.core, (l) => lines.push(l))).toBe(0);
    expect(JSON.parse(lines[0]!)).toEqual({
      platform: 'discord',
      workspaceId: 'g1',
      userId: 'grace',
      deleted: 0,
      failed: 0,
    });
  });

  it('says what is missing or wrong in the arguments', async () => {
    const run = (argv: string[]) => runPurgeCommand(parseArgs(argv), f.core, () => {});
    await expect(run(['--platform', 'discord', '--workspace', 'g1'])).rejects.toThrow(/--user is required/);
    await expect(run(['--platform', 'teams', '--workspace', 'g1', '--user', 'u'])).rejects.toThrow(
      UsageError,
    );
    expect((await f.core.generations.get(other.id))?.status).toBe('done');
  });
});
