import { runEvery } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import type { Generation, GenerationRepository } from '../types.js';

/** Longest wait before a job a stopped or dead replica left behind is taken over. */
const MAX_SWEEP_MS = 10_000;

/**
 * Replicas on one database: keeps this process's job leases alive and, every few seconds, takes over
 * unfinished jobs whose lease ran out or was given up (a replica stopped or died). With a repository
 * without leases (one process) it only lists unfinished jobs at start.
 */
export function createLeaseKeeper(
  generations: GenerationRepository,
  clock: Pick<Clock, 'sleep'>,
  log: Logger,
  takeOver: (jobs: Generation[]) => void,
) {
  const leases = generations.leases;
  const timers: (() => void)[] = [];
  let sweeping = false;

  const renew = () =>
    leases?.renew().catch((error: unknown) => log.warn({ err: error }, 'could not renew job leases'));

  async function sweep(): Promise<void> {
    if (!leases || sweeping) return;
    sweeping = true;
    try {
      const jobs = await leases.claim({ includeOwn: false });
      if (jobs.length > 0) {
        log.info({ count: jobs.length }, 'took over unfinished jobs');
        takeOver(jobs);
      }
    } catch (error) {
      log.warn({ err: error }, 'could not look for abandoned jobs');
    } finally {
      sweeping = false;
    }
  }

  return {
    /** At start: this process's own jobs from before a restart, and every abandoned one. */
    claimAtStart: (): Promise<Generation[]> =>
      leases ? leases.claim({ includeOwn: true }) : generations.findUnfinished(),

    /** Starts renewing and sweeping (once). */
    start(): void {
      if (!leases || timers.length > 0) return;
      timers.push(runEvery(clock, leases.ttlMs / 3, () => void renew()));
      timers.push(runEvery(clock, Math.min(leases.ttlMs / 6, MAX_SWEEP_MS), () => void sweep()));
    },

    /** Stops renewing and sweeping (shutdown begins: take on nothing new). */
    halt(): void {
      for (const stop of timers.splice(0)) stop();
    },

    /** Gives the jobs this process still holds (parked at shutdown) to whoever runs next. */
    async release(): Promise<void> {
      await leases
        ?.release()
        .catch((error: unknown) => log.warn({ err: error }, 'could not release job leases'));
    },
  };
}
