import { describe, expect, it } from 'vitest';
import {
  createSnowflakeFactory,
  shardIdOf,
  snowflakeFromTimestamp,
  timestampOfSnowflake,
} from '../../../../sandbox/discord/snowflake.js';

describe('snowflakes', () => {
  it('carry their timestamp and are 17-19 digits, as @discordjs/rest route hashing expects', () => {
    const at = Date.UTC(2025, 5, 1, 12, 0, 0);
    const id = snowflakeFromTimestamp(at, 7);
    expect(timestampOfSnowflake(id)).toBe(at);
    expect(id).toMatch(/^\d{17,19}$/);
  });

  it('are unique and increasing within one millisecond', () => {
    const next = createSnowflakeFactory(() => 1_700_000_000_000);
    const ids = Array.from({ length: 5000 }, next);
    expect(new Set(ids).size).toBe(ids.length);
    const sorted = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(sorted).toEqual(ids);
  });

  it('map a guild to (id >> 22) % shardCount', () => {
    const even = snowflakeFromTimestamp(1_700_000_000_000);
    const odd = snowflakeFromTimestamp(1_700_000_000_001);
    expect(shardIdOf(even, 2)).not.toBe(shardIdOf(odd, 2));
    expect(shardIdOf(even, 1)).toBe(0);
  });
});
