import { describe, expect, it } from 'vitest';
import { bucketOf, type CpuProfile, summarizeProfile } from '../../../bench/cpu-profile.js';

const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url } });

// Samples every 1000 µs from t = 10_000 µs: idle, database, database, chat client, idle.
const PROFILE: CpuProfile = {
  nodes: [
    frame(1, '(idle)'),
    frame(2, 'prepare', 'file:///app/node_modules/libsql/index.js'),
    frame(3, 'runRequest', 'file:///app/node_modules/@discordjs/rest/dist/index.mjs'),
  ],
  startTime: 10_000,
  samples: [1, 2, 2, 3, 1],
  timeDeltas: [1000, 1000, 1000, 1000, 1000],
};

describe('summarizeProfile', () => {
  it('adds up self time per area inside the window only', () => {
    const all = summarizeProfile(PROFILE, 0, Number.MAX_SAFE_INTEGER);
    expect(Object.fromEntries(all)).toEqual({
      idle: 2,
      'database (libsql, drizzle, repositories)': 2,
      'chat clients (discord.js, Bolt, Web API)': 1,
    });
    // Samples stamped 12_000 and 13_000 µs: the two database samples.
    expect(Object.fromEntries(summarizeProfile(PROFILE, 12_000, 13_000))).toEqual({
      'database (libsql, drizzle, repositories)': 2,
    });
  });
});

describe('bucketOf', () => {
  it('names an area by the code a sample was in', () => {
    expect(bucketOf('(garbage collector)', '')).toBe('garbage collection');
    expect(bucketOf('update', 'file:///work/main/src/infra/db/generation-repository.ts')).toMatch(
      /^database/,
    );
    expect(bucketOf('flush', 'file:///work/main/src/platforms/shared/coalescer.ts')).toMatch(
      /^status fan-out/,
    );
    expect(bucketOf('anything', 'file:///somewhere/else.js')).toBe('other');
  });
});
