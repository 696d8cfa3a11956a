/**
 * Child process for the crash test: takes the only slot of a clustered limiter with a job that never ends,
 * prints "started", and waits to be killed (SIGKILL, so nothing is cleaned up).
 */
import { createScheduler } from '../../../src/infra/limiter/create-scheduler.js';
import { createLogger } from '../../../src/infra/logger.js';

const { REDIS_URL, LIMITER_ID, EXPIRATION_MS } = process.env;
if (!REDIS_URL || !LIMITER_ID || !EXPIRATION_MS)
  throw new Error('REDIS_URL, LIMITER_ID and EXPIRATION_MS are required');

const scheduler = createScheduler({
  concurrency: 1,
  redisUrl: REDIS_URL,
  limiterId: LIMITER_ID,
  jobExpirationMs: Number(EXPIRATION_MS),
  log: createLogger('silent'),
});
void scheduler.schedule({ id: 'held', userId: 'crasher' }, () => {
  process.stdout.write('started\n');
  return new Promise<never>(() => {});
});
setInterval(() => {}, 60_000);
