import { systemClock } from '../../core/clock.js';
import { SchedulerStoppedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Clock, JobScheduler, ScheduledJob } from '../../core/ports.js';
import {
  createLimiter,
  isLimiterStateLost,
  type LimiterHandle,
  type LimiterSettings,
} from './bottleneck-limiter.js';
import { type ChangeNotifier, createChangeNotifier } from './change-notifier.js';
import { settlesWithin } from './deadline.js';
import { FairQueue } from './fair-queue.js';
import { createRedisProbe, type RedisProbe } from './redis-probe.js';
import { type StallWatch, startStallWatch } from './stall-watch.js';

export { SchedulerStoppedError } from '../../core/errors.js';

export interface SchedulerOptions {
  /** Most jobs running at once, across every process sharing redisUrl and limiterId. */
  concurrency: number;
  /** Most jobs of one user handed to the limiter at once; the rest wait in that user's backlog. Default 2. */
  perUserInFlight?: number;
  /** Cluster the limiter through this Redis; local to the process when unset. */
  redisUrl?: string;
  /** Shared limiter id (Redis key prefix). Default 'atelier-provider'. */
  limiterId?: string;
  /** A slot is released after this long even if its holder never finished (it crashed). Default 10 min. */
  jobExpirationMs?: number;
  /** Decides whether limiter rebuilds come in a burst (then they back off). Default: the system clock. */
  clock?: Pick<Clock, 'now'>;
  /** Clustered only: how often shared state is re-read (Bottleneck's heartbeat). Default 5 s. */
  heartbeatIntervalMs?: number;
  log: Logger;
}

interface Ticket {
  readonly handle: LimiterHandle;
  done?: Promise<unknown>;
}

interface Entry {
  readonly id: string;
  readonly userId: string;
  readonly fn: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  state: 'waiting' | 'running' | 'done';
  /** The current hand-over. A limiter running an older ticket runs nothing, so no job ever runs twice. */
  ticket?: Ticket | undefined;
  /** Settles (never rejects) when fn has settled. */
  settled?: Promise<void>;
  /** Settles when the limiter has released the job's slot. */
  released?: Promise<void>;
}

const DEFAULT_EXPIRATION_MS = 10 * 60_000;
const CLOSE_GRACE_MS = 2_000;
const noop = () => {};

export function createScheduler(options: SchedulerOptions): JobScheduler {
  return new ProviderScheduler(options);
}

class ProviderScheduler implements JobScheduler {
  private readonly log: Logger;
  private readonly queue: FairQueue<Entry>;
  private readonly byId = new Map<string, Entry>();
  private readonly changes: ChangeNotifier;
  private readonly retired = new Set<LimiterHandle>();
  private readonly pendingReleases = new Set<Promise<void>>();
  private readonly settings: LimiterSettings;
  private readonly expirationMs: number;
  private readonly probe: RedisProbe | undefined;
  private current: LimiterHandle;
  private seq = 0;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private rebuildTimer: NodeJS.Timeout | undefined;
  private rebuildStateLost = false;
  private lastRebuildAt = Number.NEGATIVE_INFINITY;
  private rebuildDelayMs = 0;
  private readonly clock: Pick<Clock, 'now'>;
  /** Clustered only: rebuilds a limiter that holds jobs and starts none. */
  private readonly watch: StallWatch | undefined;

  constructor(options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    const perUser = options.perUserInFlight ?? 2;
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new Error(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    if (!Number.isInteger(perUser) || perUser < 1) {
      throw new Error(`perUserInFlight must be a positive integer, got ${perUser}`);
    }
    const id = options.limiterId ?? 'atelier-provider';
    this.log = options.log.child({ limiterId: id });
    this.changes = createChangeNotifier(this.log);
    this.queue = new FairQueue(perUser, options.concurrency);
    this.expirationMs = options.jobExpirationMs ?? DEFAULT_EXPIRATION_MS;
    this.settings = {
      id,
      concurrency: options.concurrency,
      ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
      ...(options.heartbeatIntervalMs === undefined
        ? {}
        : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
    };
    this.probe = options.redisUrl === undefined ? undefined : createRedisProbe(options.redisUrl, this.log);
    this.current = this.makeLimiter();
    const probe = this.probe;
    if (probe) {
      this.watch = startStallWatch({
        heartbeatIntervalMs: options.heartbeatIntervalMs,
        log: this.log,
        handed: () => this.queue.handedJobs().length,
        busy: () => this.stopping || this.rebuildTimer !== undefined,
        current: () => this.current,
        reachable: () =>
          probe.check().then(
            () => true,
            () => false,
          ),
        onStateLost: (handle, error) => this.onLimiterError(handle, error),
        rebuild: () => this.requestRebuild(false),
      });
    }
  }

  schedule<T>(job: ScheduledJob, fn: () => Promise<T>): Promise<T> {
    if (this.stopping) {
      return Promise.reject(
        new SchedulerStoppedError(job.id, `The scheduler is stopped and takes no new jobs (job ${job.id}).`),
      );
    }
    if (this.byId.has(job.id)) return Promise.reject(new Error(`Job ${job.id} is already scheduled`));
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        id: job.id,
        userId: job.userId,
        fn,
        resolve: resolve as (v: unknown) => void,
        reject,
        state: 'waiting',
      };
      this.byId.set(entry.id, entry);
      const added = this.queue.add(entry);
      if (added.handed) this.hand(entry);
      // Whoever added the job reads its place with position(); the others hear only when they may have moved.
      if (added.movedOthers) this.changes.notify();
    });
  }

  position(jobId: string): number | undefined {
    return this.queue.positions().get(jobId);
  }

  positions(): ReadonlyMap<string, number> {
    return this.queue.positions();
  }

  onChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  counts(): { waiting: number; running: number } {
    return this.queue.counts();
  }

  async check(): Promise<void> {
    await this.probe?.check();
  }

  stop(timeoutMs: number): Promise<void> {
    if (!this.stopped) {
      this.stopping = true;
      this.stopped = this.shutdown(timeoutMs);
    }
    return this.stopped;
  }

  /** Hands a job to the current limiter; called again (new ticket) when a rebuilt limiter takes over. */
  private hand(entry: Entry): void {
    const ticket: Ticket = { handle: this.current };
    entry.ticket = ticket;
    const jobOptions = { id: `${entry.id}#${++this.seq}`, expiration: this.expirationMs };
    ticket.done = ticket.handle.limiter.schedule(jobOptions, () => this.run(entry, ticket));
    ticket.done.catch((error: unknown) => this.onHandOffFailed(entry, ticket, error));
  }

  private run(entry: Entry, ticket: Ticket): Promise<void> {
    if (entry.ticket !== ticket || entry.state !== 'waiting') return Promise.resolve();
    entry.state = 'running';
    this.watch?.started();
    this.queue.start(entry);
    entry.released = this.track(ticket.done);
    this.changes.notify();
    entry.settled = (async () => {
      try {
        entry.resolve(await entry.fn());
      } catch (error) {
        entry.reject(error);
      } finally {
        this.finish(entry);
      }
    })();
    return entry.settled;
  }

  private finish(entry: Entry): void {
    entry.state = 'done';
    this.byId.delete(entry.id);
    const next = this.queue.finish(entry);
    if (next) this.hand(next);
    this.changes.notify();
  }

  private onHandOffFailed(entry: Entry, ticket: Ticket, error: unknown): void {
    if (entry.ticket !== ticket || entry.state === 'done') return;
    if (entry.state === 'running') {
      this.log.warn(
        { jobId: entry.id, err: error },
        'job outlived its slot expiration; the slot was released',
      );
      return;
    }
    // Not started: the limiter failed, not the job. A fresh limiter takes the job over; the caller never sees it.
    this.log.debug({ jobId: entry.id, err: error }, 'limiter could not take a job; rebuilding it');
    this.requestRebuild(isLimiterStateLost(error));
  }

  private onLimiterError(handle: LimiterHandle | undefined, error: unknown): void {
    if (this.stopping || handle !== this.current) {
      this.log.debug({ err: error }, 'retired limiter error');
    } else if (isLimiterStateLost(error)) {
      this.log.warn({ err: error }, 'limiter state vanished from Redis');
      this.requestRebuild(true);
    } else if (typeof (error as { code?: unknown })?.code === 'string') {
      // Socket errors repeat on every reconnect attempt; the probe reports the outage once.
      this.log.debug({ err: error }, 'limiter connection error');
    } else {
      this.log.warn({ err: error }, 'limiter error');
    }
  }

  /** Coalesces bursts of failures into one rebuild, backing off when rebuilds keep failing. */
  private requestRebuild(stateLost: boolean): void {
    this.rebuildStateLost ||= stateLost;
    if (this.rebuildTimer || this.stopping) return;
    const recent = this.clock.now() - this.lastRebuildAt < 10_000;
    // Capped at 5 s: a rebuild is cheap, and work should resume within seconds of Redis coming back.
    this.rebuildDelayMs = recent ? Math.min(Math.max(this.rebuildDelayMs * 2, 250), 5_000) : 0;
    this.rebuildTimer = setTimeout(() => this.rebuild(), this.rebuildDelayMs);
    this.rebuildTimer.unref();
  }

  private rebuild(): void {
    this.rebuildTimer = undefined;
    if (this.stopping) return;
    const stateLost = this.rebuildStateLost;
    this.rebuildStateLost = false;
    this.lastRebuildAt = this.clock.now();
    const old = this.current;
    this.current = this.makeLimiter();
    const running = this.queue.runningJobs();
    const handed = this.queue.handedJobs();
    this.log.warn({ stateLost, running: running.length, rescheduled: handed.length }, 'rebuilt the limiter');
    // The lost keys also held the slots of jobs running here: hold one per job on the new limiter, first,
    // so the re-handed jobs cannot push the shared concurrency over the cap.
    if (stateLost) for (const entry of running) this.holdSlot(entry);
    for (const entry of handed) this.hand(entry);
    this.retire(old);
  }

  private holdSlot(entry: Entry): void {
    const settled = entry.settled;
    if (!settled) return;
    const jobOptions = { id: `${entry.id}#hold${++this.seq}`, priority: 0, expiration: this.expirationMs };
    this.track(this.current.limiter.schedule(jobOptions, () => settled));
  }

  private retire(handle: LimiterHandle): void {
    this.retired.add(handle);
    // Dropping its queue rejects the stale hand-offs (ignored: their jobs hold newer tickets). Stopping waits
    // for the jobs it runs and their slots' release. A stalled limiter never finishes stopping (its queue
    // waits on a connection that does not answer): it is closed once its own jobs are done and released, or
    // could not be released within the grace.
    const stopped = handle.limiter.stop({ dropWaitingJobs: true }).catch(noop);
    const ownJobs = this.queue
      .runningJobs()
      .filter((entry) => entry.ticket?.handle === handle)
      .map(async (entry) => {
        await entry.settled;
        await settlesWithin(entry.released ?? Promise.resolve(), CLOSE_GRACE_MS);
      });
    settlesWithin(stopped, CLOSE_GRACE_MS)
      .then(async (ok) => {
        if (!ok) await Promise.all(ownJobs);
      })
      .then(() => handle.close(CLOSE_GRACE_MS))
      .catch((error: unknown) => this.log.debug({ err: error }, 'closing a retired limiter failed'))
      .finally(() => this.retired.delete(handle));
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    clearTimeout(this.rebuildTimer);
    this.watch?.stop();
    for (const entry of this.queue.takeWaiting()) {
      entry.state = 'done';
      entry.ticket = undefined;
      this.byId.delete(entry.id);
      entry.reject(new SchedulerStoppedError(entry.id));
    }
    this.changes.notify();
    this.current.limiter.stop({ dropWaitingJobs: true }).catch(noop);
    const running = this.queue.runningJobs();
    const work = [...running.flatMap((e) => [e.settled, e.released]), ...this.pendingReleases];
    if (!(await settlesWithin(Promise.all(work), timeoutMs))) {
      this.log.warn({ running: this.queue.counts().running, timeoutMs }, 'stopped with jobs still running');
    }
    const handles = [this.current, ...this.retired];
    await Promise.all(handles.map((handle) => handle.close(CLOSE_GRACE_MS).catch(noop)));
    await this.probe?.close();
  }

  private makeLimiter(): LimiterHandle {
    const holder: { handle?: LimiterHandle } = {};
    holder.handle = createLimiter(this.settings, (error) => this.onLimiterError(holder.handle, error));
    return holder.handle;
  }

  /** Follows a limiter job until its slot is released; stop() waits for these before closing Redis. */
  private track(done: Promise<unknown> | undefined): Promise<void> {
    const released = (done ?? Promise.resolve()).then(noop, noop);
    this.pendingReleases.add(released);
    void released.then(() => this.pendingReleases.delete(released));
    return released;
  }
}
