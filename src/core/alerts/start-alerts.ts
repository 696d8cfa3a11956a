import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import type { StatusListener } from '../status.js';
import { type AlertMonitor, createAlertMonitor } from './alert-monitor.js';
import { type AlertSinkDeps, createAlertSink } from './alert-sink.js';
import type { AlertClaims, AlertSettings, BudgetReader, ProviderSignal } from './alert-types.js';

export interface AlertWiring extends Omit<AlertSinkDeps, 'log'> {
  settings: AlertSettings;
  claims: AlertClaims;
  budgets?: BudgetReader;
  clock: Clock;
  log: Logger;
  /** The generation service (final job states, with their recorded cost). */
  jobs: { onStatus(listener: StatusListener): () => unknown };
  /** The image provider's rate-limit and circuit events. */
  provider?: { onEvent(listener: (signal: ProviderSignal) => void): () => unknown };
}

/** Subscribes an alert monitor to the service and the provider; `stop` unsubscribes and lets checks finish. */
export function startAlerts(wiring: AlertWiring): {
  monitor: AlertMonitor;
  stop(timeoutMs?: number): Promise<void>;
} {
  const log = wiring.log;
  const monitor = createAlertMonitor({
    settings: wiring.settings,
    claims: wiring.claims,
    ...(wiring.budgets ? { budgets: wiring.budgets } : {}),
    sink: createAlertSink({ log, post: wiring.post, count: wiring.count }),
    clock: wiring.clock,
    log,
  });
  // The listeners run inside the job pipeline: whatever happens here must not reach it.
  const guard =
    <T>(fn: (value: T) => void) =>
    (value: T) => {
      try {
        fn(value);
      } catch (error) {
        log.warn({ err: error }, 'alert monitor failed');
      }
    };
  const offJobs = wiring.jobs.onStatus(guard(monitor.observeJob));
  const offProvider = wiring.provider?.onEvent(guard(monitor.observeProvider));
  return {
    monitor,
    async stop(timeoutMs = 5_000) {
      offJobs();
      offProvider?.();
      const waited = new AbortController();
      await Promise.race([
        monitor.idle(),
        wiring.clock.sleep(timeoutMs, waited.signal, { background: true }).catch(() => {}),
      ]);
      waited.abort();
    },
  };
}
