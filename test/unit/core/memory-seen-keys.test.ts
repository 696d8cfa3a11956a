import { describe, expect, it } from 'vitest';
import { createMemorySeenKeys } from '../../../src/core/memory-seen-keys.js';

describe('in-process seen keys', () => {
  it('lets the first claim of a key win until its time is up', async () => {
    let now = 1_000;
    const seen = createMemorySeenKeys(10, () => now);
    expect(await seen.claim('a', 500)).toBe(true);
    expect(await seen.claim('a', 500)).toBe(false);
    now += 500;
    // Still held at exactly its time to live: lru-cache lets an entry go once its age exceeds it.
    expect(await seen.claim('a', 500)).toBe(false);
    now += 1;
    expect(await seen.claim('a', 500)).toBe(true);
  });

  it('stays bounded: the oldest keys are forgotten first', async () => {
    const seen = createMemorySeenKeys(2, () => 0);
    for (const key of ['a', 'b', 'c']) expect(await seen.claim(key, 60_000)).toBe(true);
    expect(await seen.claim('c', 60_000)).toBe(false);
    expect(await seen.claim('b', 60_000)).toBe(false);
    expect(await seen.claim('a', 60_000)).toBe(true);
  });
});
