/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes carry milliseconds since it in their top 42 bits. */
export const DISCORD_EPOCH = 1_420_070_400_000;

/** A snowflake for the given wall-clock time (ms) and 12-bit increment. */
export function snowflakeFromTimestamp(timestampMs: number, increment = 0): string {
  const since = BigInt(Math.max(0, Math.floor(timestampMs) - DISCORD_EPOCH));
  return ((since << 22n) | (1n << 17n) | (1n << 12n) | BigInt(increment & 0xfff)).toString();
}

export function timestampOfSnowflake(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}

/** The shard that receives a guild's events: (guild_id >> 22) % shard_count, as Discord computes it. */
export function shardIdOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}

export type SnowflakeFactory = () => string;

/**
 * Monotonic ids: real timestamps, so discord.js can read creation times from them (and route
 * "old message" deletes correctly), with an increment that never repeats within one millisecond.
 */
export function createSnowflakeFactory(now: () => number = Date.now): SnowflakeFactory {
  let lastMs = 0;
  let increment = 0;
  return () => {
    let ms = now();
    if (ms <= lastMs) {
      ms = lastMs;
      increment += 1;
      if (increment > 0xfff) {
        ms += 1;
        increment = 0;
      }
    } else {
      increment = 0;
    }
    lastMs = ms;
    return snowflakeFromTimestamp(ms, increment);
  };
}
