import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { settlesWithin } from './deadline.js';
import { createLimiterRedis } from './limiter-redis.js';

export interface LimiterSettings {
  id: string;
  concurrency: number;
  /** Clustered through Redis when set; local to this process otherwise. */
  redisUrl?: string;
  /** How often a clustered limiter re-reads shared state (and so notices slots freed by expiration). */
  heartbeatIntervalMs?: number;
}

/** One Bottleneck instance and the Redis connection it owns (none when local). */
export interface LimiterHandle {
  readonly limiter: Bottleneck;
  readonly clustered: boolean;
  /** Quits Redis after pending replies (so queued frees still land), forcing the close after graceMs. */
  close(graceMs: number): Promise<void>;
}

/**
 * Bottleneck (or its Redis scripts) lost the limiter's keys: Redis restarted or was flushed. Redis 7 prefixes
 * script errors with "ERR ", so Bottleneck's own exact-match recovery never fires (upstream #205/#219):
 * the only way back is a new limiter with the same id, whose init recreates the keys.
 */
export function isLimiterStateLost(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT/.test(message);
}

export function createLimiter(settings: LimiterSettings, onError: (error: unknown) => void): LimiterHandle {
  if (settings.redisUrl === undefined) {
    const limiter = new Bottleneck({ id: settings.id, maxConcurrent: settings.concurrency });
    limiter.on('error', onError);
    return {
      limiter,
      clustered: false,
      close: async () => {
        await limiter.disconnect();
      },
    };
  }

  // maxRetriesPerRequest null: while Redis is down, limiter commands wait for it instead of failing jobs.
  const client = createLimiterRedis(settings.redisUrl, { maxRetriesPerRequest: null });
  const connection = new Bottleneck.IORedisConnection({ client, Redis });
  connection.on('error', onError);
  const options: Bottleneck.ConstructorOptions & { heartbeatInterval?: number } = {
    id: settings.id,
    maxConcurrent: settings.concurrency,
    datastore: 'ioredis',
    connection,
    // Other processes share these keys: never wipe them at start-up.
    clearDatastore: false,
    ...(settings.heartbeatIntervalMs === undefined
      ? {}
      : { heartbeatInterval: settings.heartbeatIntervalMs }),
  };
  const limiter = new Bottleneck(options);
  limiter.on('error', onError);
  // init only creates missing keys, so settings left in Redis by an earlier deploy would win: apply ours.
  // (The typings say it returns the limiter; 2.19.5 returns a promise of it.)
  Promise.resolve(limiter.updateSettings({ maxConcurrent: settings.concurrency })).catch(onError);

  return {
    limiter,
    clustered: true,
    close: async (graceMs) => {
      const graceful = connection.disconnect(true);
      if (!(await settlesWithin(graceful, graceMs))) await connection.disconnect(false);
    },
  };
}
