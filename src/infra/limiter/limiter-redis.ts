import { Redis, type RedisOptions } from 'ioredis';

const noop = () => {};

/**
 * The limiter's Redis connections: Bottleneck's command client, and the subscriber Bottleneck makes from it
 * with duplicate(). ioredis sends some commands of its own and handles neither their result nor their
 * failure: it subscribes again after a reconnect, for one. Closing a connection rejects every command still
 * pending, and for those commands nobody handles the rejection, which ends a Node 20 process. That happened
 * when the scheduler closed a limiter it had just replaced after a Redis restart. Here every command's promise
 * also carries a no-op handler: callers that handle it still get the result or the error, and the others can
 * no longer end the bot.
 */
class LimiterRedis extends Redis {
  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    const result = super.sendCommand(...args);
    if (result instanceof Promise) result.catch(noop);
    return result;
  }
}

// ioredis builds duplicates as plain Redis instances; Bottleneck's subscriber is one, so it must be ours too.
// (Defined here, not as a method override: ioredis types duplicate() with a generic an override cannot match.)
Object.defineProperty(LimiterRedis.prototype, 'duplicate', {
  value(this: Redis, override?: Partial<RedisOptions>): Redis {
    return new LimiterRedis({ ...this.options, ...override, replyMapping: 'legacy' });
  },
});

/** Replies in ioredis's default ("legacy") shapes, which Bottleneck reads. */
export function createLimiterRedis(url: string, options: Omit<RedisOptions, 'replyMapping'>): Redis {
  return new LimiterRedis(url, { ...options, replyMapping: 'legacy' });
}
