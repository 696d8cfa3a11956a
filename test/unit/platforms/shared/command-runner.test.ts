import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type CommandContext, defineCommand } from '../../../../commands/define.js';
import { chatOptions, integer } from '../../../../commands/options.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import type { Requester } from '../../../../src/core/types.js';
import { type CommandCall, runCommand } from '../../../../src/platforms/shared/command-runner.js';
import { createTurnQueue } from '../../../../src/platforms/shared/turn-queue.js';

const catalogs = await loadCatalogs();
const requester: Requester = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1' };

/** Steps as they happen, in order, across the runner, the platform's part and the handler. */
let steps: string[] = [];
let fail: Error | undefined;

const count = defineCommand({
  name: 'count',
  description: 'Counts',
  ephemeral: true,
  options: chatOptions({ n: integer('How many', { min: 1, max: 3 }) }),
  async handle(input) {
    steps.push(`handle ${input.n}`);
    if (fail) throw fail;
    return { type: 'text', text: String(input.n) };
  },
});
const admin = defineCommand({
  name: 'admin',
  description: 'Admins only',
  ephemeral: true,
  adminOnly: true,
  options: chatOptions({}),
  handle: async () => ({ type: 'text', text: 'done' }),
});

const deps = {
  commands: [count, admin],
  catalogs,
  // The handlers here read nothing from their context.
  commandContext: (r: Requester) => ({ requester: r }) as unknown as CommandContext,
  turns: createTurnQueue(),
};

function call(name: string, raw: Record<string, unknown>, who = requester): CommandCall<string> {
  return {
    name,
    requester: who,
    log: pino({ level: 'silent' }),
    context: {},
    readOptions: (options) => {
      steps.push(`read ${options.map((o) => o.name).join(',')}`);
      return raw;
    },
    notAdmin: (command) => `only admins may /${command.name}`,
    check: () => void steps.push('check'),
    acknowledge: async () => {
      steps.push('ack');
      return 'ack-ref';
    },
    ready: async () => void steps.push('ready'),
    present: async (result, ack) => void steps.push(`present ${result.type} ${ack}`),
    tell: async (text) => void steps.push(`tell ${text}`),
    explain: (error) => (error instanceof Error && error.message === 'known' ? 'a clear fix' : undefined),
  };
}

const run = async (name: string, raw: Record<string, unknown>, who?: Requester) => {
  steps = [];
  await runCommand(deps, call(name, raw, who));
  return steps;
};

describe('the shared command runner', () => {
  it('validates, checks, acknowledges, then runs the handler and presents its result with the ack', async () => {
    fail = undefined;
    expect(await run('count', { n: '2' })).toEqual([
      'read n',
      'check',
      'ack',
      'ready',
      'handle 2',
      'present text ack-ref',
    ]);
  });

  it('answers invalid options before acknowledging anything', async () => {
    expect(await run('count', { n: '7' })).toEqual([
      'read n',
      'tell Invalid /count: n: Too big: expected number to be <=3.',
    ]);
  });

  it('refuses a non-admin in the platform’s words before reading any option', async () => {
    expect(await run('admin', {})).toEqual(['tell only admins may /admin']);
    expect(await run('admin', {}, { ...requester, admin: true })).toEqual([
      'read ',
      'check',
      'ack',
      'ready',
      'present text ack-ref',
    ]);
  });

  it('says a command is gone when it is not in the list', async () => {
    expect(await run('nope', {})).toEqual(['tell /nope is not available any more.']);
  });

  it('tells a platform refusal’s fix, and never an unknown error’s own message', async () => {
    fail = new Error('known');
    expect((await run('count', { n: 1 })).at(-1)).toBe('tell a clear fix');
    fail = new Error('secret internals');
    const told = (await run('count', { n: 1 })).at(-1) ?? '';
    expect(told).toMatch(/^tell Something went wrong on our side\. .*reference [0-9A-F]{8}\.$/);
    expect(told).not.toContain('secret');
    fail = undefined;
  });
});
