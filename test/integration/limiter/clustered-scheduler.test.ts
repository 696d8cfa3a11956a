import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import type { JobScheduler } from '../../../src/core/ports.js';
import { createScheduler, type SchedulerOptions } from '../../../src/infra/limiter/create-scheduler.js';
import { createLogger } from '../../../src/infra/logger.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { canRunRedisTests, type RedisServer, startRedis } from '../../helpers/redis.js';
import { startTcpProxy } from '../../helpers/tcp-proxy.js';

const FIXTURE = fileURLToPath(new URL('./hold-slot.fixture.ts', import.meta.url));

/** A logger whose messages the test can read. */
function capturedLog(): { log: Logger; messages: () => string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { log: createLogger('debug', sink), messages: () => lines.map((line) => JSON.parse(line).msg) };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const STALL_REBUILD = 'the limiter holds jobs and starts none although Redis answers; rebuilding it';

const jobsOf = (userId: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `${userId}-${i + 1}`, userId }));

describe.skipIf(!canRunRedisTests())('createScheduler clustered through Redis', () => {
  let redis: RedisServer;
  const schedulers: JobScheduler[] = [];
  const silent = createLogger('silent');

  function clustered(options: Omit<SchedulerOptions, 'log' | 'redisUrl'> & { log?: Logger }): JobScheduler {
    const scheduler = createScheduler({ log: silent, ...options, redisUrl: redis.url });
    schedulers.push(scheduler);
    return scheduler;
  }
  const uniqueId = () => `test-${randomUUID()}`;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((scheduler) => scheduler.stop(1_000)));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('two processes sharing a limiter id never exceed the shared concurrency together', async () => {
    const limiterId = uniqueId();
    const a = clustered({ limiterId, concurrency: 2, perUserInFlight: 10 });
    const b = clustered({ limiterId, concurrency: 2, perUserInFlight: 10 });
    let active = 0;
    let peak = 0;
    const ran = { a: 0, b: 0 };
    const work = (who: 'a' | 'b') => async () => {
      active++;
      peak = Math.max(peak, active);
      ran[who]++;
      // Hold the slot until both shared slots are taken (or nothing waits): a third start would be seen.
      await vi.waitFor(
        () => {
          if (active < 2 && a.counts().waiting + b.counts().waiting > 0) throw new Error('a slot is free');
        },
        { interval: 2, timeout: 10_000 },
      );
      await sleep(5);
      active--;
    };
    await Promise.all([
      ...jobsOf('ua', 8).map((job) => a.schedule(job, work('a'))),
      ...jobsOf('ub', 8).map((job) => b.schedule(job, work('b'))),
    ]);
    expect(peak).toBe(2);
    expect(ran).toEqual({ a: 8, b: 8 });
  });

  it('frees the slot of a crashed process once its job expires', async () => {
    const limiterId = uniqueId();
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, REDIS_URL: redis.url, LIMITER_ID: limiterId, EXPIRATION_MS: '2000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await vi.waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`fixture exited early: ${output}`);
        expect(output).toContain('started');
      },
      { timeout: 15_000, interval: 20 },
    );
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;

    const survivor = clustered({ limiterId, concurrency: 1, heartbeatIntervalMs: 100 });
    let ran = false;
    const result = survivor.schedule({ id: 'after-crash', userId: 'u' }, async () => {
      ran = true;
      return 'ran';
    });
    // The dead process still holds the only slot: the job waits instead of running.
    await sleep(500);
    expect(ran).toBe(false);
    expect(survivor.counts()).toEqual({ waiting: 1, running: 0 });
    await expect(result).resolves.toBe('ran');
  });

  it('rebuilds the limiter after FLUSHALL and still runs every job exactly once, within the cap', async () => {
    const { log, messages } = capturedLog();
    const scheduler = clustered({ limiterId: uniqueId(), concurrency: 2, log });
    const runs = new Map<string, number>();
    const gate = deferred();
    let active = 0;
    let peak = 0;
    const work = (id: string) => async () => {
      runs.set(id, (runs.get(id) ?? 0) + 1);
      active++;
      peak = Math.max(peak, active);
      // The first two jobs hold their slots across the flush.
      if (runs.size <= 2) await gate.promise;
      else await sleep(10);
      active--;
      return id;
    };
    const jobs = ['u1', 'u2', 'u3', 'u4'].flatMap((user) => jobsOf(user, 3));
    const results = jobs.map((job) => scheduler.schedule(job, work(job.id)));
    await vi.waitFor(() => expect(runs.size).toBe(2));

    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    // Submitting to the old limiter now fails with SETTINGS_KEY_NOT_FOUND, which triggers the rebuild.
    const late = { id: 'late', userId: 'u5' };
    results.push(scheduler.schedule(late, work(late.id)));
    jobs.push(late);
    await vi.waitFor(() => expect(messages()).toContain('rebuilt the limiter'));
    // The flush also forgot the two running jobs' slots: the rebuilt limiter must not hand them out again.
    await sleep(300);
    expect(runs.size).toBe(2);

    gate.resolve();
    expect(await Promise.all(results)).toEqual(jobs.map((job) => job.id));
    expect(Object.fromEntries(runs)).toEqual(Object.fromEntries(jobs.map((job) => [job.id, 1])));
    expect(peak).toBe(2);
  });

  it('keeps waiting jobs waiting while Redis is down and runs them once it is back', async () => {
    const scheduler = clustered({ limiterId: uniqueId(), concurrency: 1 });
    await scheduler.check();
    const gate = deferred();
    const firstStarted = deferred();
    const runs: string[] = [];
    const first = scheduler.schedule({ id: 'first', userId: 'a' }, async () => {
      runs.push('first');
      firstStarted.resolve();
      await gate.promise;
      return 'first';
    });
    const settled: string[] = [];
    const waiting = ['second', 'third'].map((id, i) =>
      scheduler
        .schedule({ id, userId: `user-${i}` }, async () => {
          runs.push(id);
          return id;
        })
        .finally(() => settled.push(id)),
    );
    for (const result of waiting) result.catch(() => {});
    await firstStarted.promise;

    await redis.stop();
    await expect(scheduler.check()).rejects.toThrow(/Redis/);
    gate.resolve();
    // The running job's result reaches its caller even though its slot cannot be released yet.
    await expect(first).resolves.toBe('first');
    await sleep(500);
    expect(settled).toEqual([]);
    expect(scheduler.counts()).toEqual({ waiting: 2, running: 0 });

    await redis.restart();
    expect(await Promise.all(waiting)).toEqual(['second', 'third']);
    expect(runs.sort()).toEqual(['first', 'second', 'third']);
    await vi.waitFor(() => scheduler.check(), { timeout: 5_000, interval: 100 });
  });

  it('notices a Redis restart under a long job and keeps that job slot on the rebuilt limiter', async () => {
    const { log, messages } = capturedLog();
    const scheduler = clustered({ limiterId: uniqueId(), concurrency: 1, heartbeatIntervalMs: 100, log });
    const gate = deferred();
    const started: string[] = [];
    const long = scheduler.schedule({ id: 'long', userId: 'a' }, async () => {
      started.push('long');
      await gate.promise;
      return 'long';
    });
    const next = scheduler.schedule({ id: 'next', userId: 'b' }, async () => {
      started.push('next');
      return 'next';
    });
    next.catch(() => {});
    await vi.waitFor(() => expect(started).toEqual(['long']));

    await redis.restart();
    // Nothing else touches Redis: the heartbeat finds the keys gone.
    await vi.waitFor(() => expect(messages()).toContain('rebuilt the limiter'), { timeout: 10_000 });
    await sleep(300);
    expect(started).toEqual(['long']);

    gate.resolve();
    expect(await Promise.all([long, next])).toEqual(['long', 'next']);
    expect(started).toEqual(['long', 'next']);
  });

  it('rebuilds a limiter that took jobs and starts none while Redis answers (its subscription went silent)', async () => {
    const proxy = await startTcpProxy(redis.port);
    try {
      const { log, messages } = capturedLog();
      // The limiter's pub/sub connection stops answering at SUBSCRIBE: its setup never completes, silently.
      const silenced = proxy.silenceNext(/\r\nsubscribe\r\n/i);
      const scheduler = createScheduler({
        log,
        redisUrl: `redis://127.0.0.1:${proxy.port}`,
        limiterId: uniqueId(),
        concurrency: 1,
        heartbeatIntervalMs: 200,
      });
      schedulers.push(scheduler);
      const result = scheduler.schedule({ id: 'stuck', userId: 'u' }, async () => 'ran');
      await silenced;
      await scheduler.check();
      await sleep(300);
      expect(scheduler.counts()).toEqual({ waiting: 1, running: 0 });

      await expect(result).resolves.toBe('ran');
      expect(messages()).toContain(STALL_REBUILD);
      expect(messages()).toContain('rebuilt the limiter');
    } finally {
      await proxy.close();
    }
  });

  it('leaves a limiter alone while another process holds the shared slots', async () => {
    const limiterId = uniqueId();
    const { log, messages } = capturedLog();
    const a = clustered({ limiterId, concurrency: 1, heartbeatIntervalMs: 200 });
    const b = clustered({ limiterId, concurrency: 1, heartbeatIntervalMs: 200, log });
    const gate = deferred();
    const holding = deferred();
    const first = a.schedule({ id: 'holder', userId: 'ua' }, async () => {
      holding.resolve();
      await gate.promise;
      return 'a';
    });
    await holding.promise;
    const second = b.schedule({ id: 'waiter', userId: 'ub' }, async () => 'b');
    // Several looks (one a second): each finds the limiter rightly waiting for the slot a holds.
    await sleep(3_500);
    expect(b.counts()).toEqual({ waiting: 1, running: 0 });
    expect(messages()).not.toContain(STALL_REBUILD);

    gate.resolve();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(messages()).not.toContain('rebuilt the limiter');
  });

  it('starts with Redis down: jobs wait, check() throws, and both recover when Redis comes up', async () => {
    await redis.stop();
    const scheduler = clustered({ limiterId: uniqueId(), concurrency: 1 });
    let ran = 0;
    const job = scheduler.schedule({ id: 'early', userId: 'a' }, async () => ++ran);
    job.catch(() => {});
    await expect(scheduler.check()).rejects.toThrow(/Redis is unreachable/);
    await sleep(200);
    expect(scheduler.counts()).toEqual({ waiting: 1, running: 0 });

    await redis.restart();
    await expect(job).resolves.toBe(1);
    await vi.waitFor(() => scheduler.check(), { timeout: 5_000, interval: 100 });
  });
});
