import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type PreparedCommand } from '../../../../commands/index.js';
import { ASPECTS } from '../../../../src/core/catalog/schema.js';
import { UserError } from '../../../../src/core/errors.js';
import type { Requester } from '../../../../src/core/types.js';
import {
  hostileString,
  isClearUserError,
  jsonProtoKey,
  knownWords,
  nonString,
  PROTOTYPE_KEYS,
  recordOf,
} from './hostile-values.js';
import { type InMemoryCore, startInMemoryCore } from './in-memory-core.js';

let core: InMemoryCore;
beforeAll(async () => {
  core = await startInMemoryCore();
});
afterAll(async () => {
  await core?.close();
});

const requester: Requester = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1' };

/** Raw option maps as an adapter could hand them over: the command's own names plus anything else. */
function rawOptions(names: readonly string[]) {
  const words = knownWords(core.catalogs);
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: hostileString() },
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    { weight: 4, arbitrary: hostileString(words) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: nonString },
  );
  return fc.oneof(
    { weight: 10, arbitrary: recordOf(key, value) },
    { weight: 1, arbitrary: jsonProtoKey(words) },
  );
}

/** Whatever prepare() validates must already be what the handler's types promise. */
function expectTyped(name: string, input: Record<string, unknown>) {
  const text = (v: unknown, max: number) =>
    v === undefined || (typeof v === 'string' && v.length <= max && v === v.trim() && v !== '');
  const dims = (input.dimensions ?? input.filters ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(dims)) {
    expect(PROTOTYPE_KEYS as readonly string[]).not.toContain(key);
    expect(text(value, 100)).toBe(true);
  }
  if ('seed' in input && input.seed !== undefined) {
    expect(Number.isInteger(input.seed)).toBe(true);
    expect(input.seed as number).toBeGreaterThanOrEqual(0);
    expect(input.seed as number).toBeLessThanOrEqual(2 ** 31 - 1);
  }
  if (name === 'generate') {
    if (input.aspect !== undefined) expect(ASPECTS).toContain(input.aspect);
    expect(input.prompt === undefined || (input.prompt as string).length <= 300).toBe(true);
  }
  if (name === 'gallery') expect(Number.isInteger(input.page) && (input.page as number) >= 1).toBe(true);
}

describe('bad input: command options', () => {
  for (const command of commands) {
    it(`/${command.name}: prepare gives typed input or UserError('invalid_input'), never a crash`, () => {
      const names = command.options(core.catalogs).map((o) => o.name);
      fc.assert(
        fc.property(rawOptions(names.length > 0 ? names : ['catalog']), (raw) => {
          try {
            const { input } = command.prepare(raw as Record<string, unknown>, core.catalogs);
            expectTyped(command.name, input as Record<string, unknown>);
          } catch (error) {
            expect(error).toBeInstanceOf(UserError);
            expect(error).toMatchObject({ code: 'invalid_input' });
            expect(isClearUserError(error)).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });

    it(`/${command.name}: the handler answers whatever prepare let through, or says why not`, async () => {
      const names = command.options(core.catalogs).map((o) => o.name);
      const ctx = { service: core.service, catalogs: core.catalogs, requester };
      await fc.assert(
        fc.asyncProperty(rawOptions(names.length > 0 ? names : ['catalog']), async (raw) => {
          let prepared: PreparedCommand;
          try {
            prepared = command.prepare(raw as Record<string, unknown>, core.catalogs);
          } catch {
            return;
          }
          const before = await core.counts();
          try {
            const result = await prepared.run(ctx);
            expect(['jobs', 'choose', 'gallery', 'styles', 'text']).toContain(result.type);
            if (result.type !== 'jobs') expect(await core.counts()).toEqual(before);
          } catch (error) {
            if (!isClearUserError(error)) throw error;
            expect(await core.counts()).toEqual(before);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
