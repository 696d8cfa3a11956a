import type { ErrorClass } from '../errors.js';
import type { UsageRepository, UsageRow } from '../policy/policy-types.js';
import { dayWindow, monthWindow, type Window } from '../policy/windows.js';
import type { Clock, ImageProvider, JobScheduler, ProviderHealth } from '../ports.js';
import type { BanRepository, OutcomeReader, PauseRepository, WorkspaceRef } from './admin-types.js';

export interface AdminReportDeps {
  usage: UsageRepository & OutcomeReader;
  limits: PauseRepository;
  bans: BanRepository;
  scheduler: Pick<JobScheduler, 'counts'>;
  provider: Pick<ImageProvider, 'health'>;
  clock: Clock;
}

/** `/atelier stats`: this workspace today (UTC), plus the shared queue and provider state. */
export interface WorkspaceStats {
  at: number;
  window: Window;
  jobs: number;
  /** Jobs by status (queued … done, failed, blocked, deleted). */
  byStatus: Record<string, number>;
  /** Failed jobs by class; 'unknown' for failures recorded without one. */
  failures: Partial<Record<ErrorClass | 'unknown', number>>;
  /** Recorded cost of today's jobs (running jobs are not costed yet). */
  costMicros: number;
  /** This process's provider queue (shared by every workspace). */
  queue: { waiting: number; running: number };
  circuit: ProviderHealth['circuit'];
  paused: boolean;
  bans: number;
}

/** `/atelier usage`: jobs and cost per user and per model in the workspace, failed jobs left out. */
export interface WorkspaceUsage {
  period: 'today' | 'month';
  window: Window;
  users: UsageRow[];
  models: UsageRow[];
}

export function createAdminReports(deps: AdminReportDeps) {
  return {
    async stats(scope: WorkspaceRef): Promise<WorkspaceStats> {
      const at = deps.clock.now();
      const window = dayWindow(at);
      const [outcomes, paused, bans] = await Promise.all([
        deps.usage.outcomes(scope, window.start, window.end),
        deps.limits.isPaused(scope),
        deps.bans.list(scope),
      ]);
      const byStatus: Record<string, number> = {};
      const failures: WorkspaceStats['failures'] = {};
      let jobs = 0;
      let costMicros = 0;
      for (const row of outcomes) {
        jobs += row.jobs;
        costMicros += row.costMicros;
        byStatus[row.status] = (byStatus[row.status] ?? 0) + row.jobs;
        if (row.status === 'failed') {
          const cls = row.errorClass ?? 'unknown';
          failures[cls] = (failures[cls] ?? 0) + row.jobs;
        }
      }
      return {
        at,
        window,
        jobs,
        byStatus,
        failures,
        costMicros,
        queue: deps.scheduler.counts(),
        circuit: deps.provider.health().circuit,
        paused,
        bans: bans.length,
      };
    },

    async usage(scope: WorkspaceRef, period: 'today' | 'month'): Promise<WorkspaceUsage> {
      const now = deps.clock.now();
      const window = period === 'month' ? monthWindow(now) : dayWindow(now);
      const [users, models] = await Promise.all([
        deps.usage.usageBy('user', window.start, window.end, scope),
        deps.usage.usageBy('model', window.start, window.end, scope),
      ]);
      return { period, window, users, models };
    },
  };
}
