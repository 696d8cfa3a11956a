import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import type { StatusEvent } from '../status.js';
import { circuitClosedText, circuitOpenText, errorRateText, rateLimitedText } from './alert-texts.js';
import type {
  Alert,
  AlertClaims,
  AlertSettings,
  AlertSink,
  BudgetReader,
  ProviderSignal,
} from './alert-types.js';
import { budgetAlerts } from './budget-alerts.js';
import { createEventWindow } from './event-window.js';

export interface AlertMonitorDeps {
  settings: AlertSettings;
  claims: AlertClaims;
  /** Without it no budget alerts. */
  budgets?: BudgetReader;
  sink: AlertSink;
  clock: Clock;
  log: Logger;
}

export interface AlertMonitor {
  /** Feed every job status event (only final ones count). Never throws. */
  observeJob(event: StatusEvent): void;
  /** Feed the image provider's rate-limit and circuit events. Never throws. */
  observeProvider(signal: ProviderSignal): void;
  /** Resolves when every check and delivery started so far has finished. */
  idle(): Promise<void>;
}

/** Finished jobs a window needs before its error rate means anything. */
const MIN_JOBS = 10;
/** Provider 429s within RATE_LIMIT_WINDOW_MS that raise an alert. */
const RATE_LIMIT_COUNT = 5;
const RATE_LIMIT_WINDOW_MS = 60_000;

/** After losing a key to another process, how long before this one asks the store again. */
const RECHECK_MS = 60_000;

/**
 * Turns job outcomes and provider events into operator alerts: error rate over a window, provider rate
 * limiting, a model's circuit opening (and closing again), budget thresholds. Each alert key is claimed in
 * the shared store first, so every replica together sends one per key per window; a local memory of recent
 * keys spares the store a write for every job of a bad spell.
 */
export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  const { settings, clock, log } = deps;
  const finished = createEventWindow<{ failed: boolean; errorClass: string | undefined }>(settings.windowMs);
  const limited = createEventWindow<string>(RATE_LIMIT_WINDOW_MS);
  const quietUntil = new Map<string, number>();
  /** Models whose opening this process announced: it also announces their recovery. */
  const announcedOpen = new Set<string>();
  const pending = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    const p = work.catch((error: unknown) => log.warn({ err: error }, 'alert check failed'));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const deliver = async (alert: Alert) => {
    try {
      await deps.sink(alert);
    } catch (error) {
      log.warn({ err: error, key: alert.key }, 'alert delivery failed');
    }
  };

  async function raise(alert: Alert, windowMs: number): Promise<boolean> {
    const now = clock.now();
    if ((quietUntil.get(alert.key) ?? 0) > now) return false;
    if (quietUntil.size > 1_000) for (const [k, until] of quietUntil) if (until <= now) quietUntil.delete(k);
    quietUntil.set(alert.key, now + Math.min(windowMs, RECHECK_MS));
    let won: boolean;
    try {
      won = await deps.claims.claim(alert.key, now, windowMs);
    } catch (error) {
      // Better a duplicate from another replica than a silent outage; this process still sends only once.
      log.warn({ err: error, key: alert.key }, 'alert state unavailable; sending without the shared check');
      won = true;
    }
    if (!won) {
      log.debug({ key: alert.key }, 'alert already sent within its window');
      return false;
    }
    quietUntil.set(alert.key, now + windowMs);
    await deliver(alert);
    return true;
  }

  function checkErrorRate(now: number): void {
    const jobs = finished.values(now);
    const failed = jobs.filter((j) => j.failed);
    if (jobs.length < MIN_JOBS || failed.length / jobs.length < settings.errorRate) return;
    const byClass: Record<string, number> = {};
    for (const j of failed)
      byClass[j.errorClass ?? 'unknown'] = (byClass[j.errorClass ?? 'unknown'] ?? 0) + 1;
    const numbers = { failed: failed.length, finished: jobs.length, windowMs: settings.windowMs };
    track(
      raise(
        {
          condition: 'error_rate',
          key: 'error_rate',
          text: errorRateText({ ...numbers, threshold: settings.errorRate, byClass }),
          details: { ...numbers, byClass },
        },
        settings.windowMs,
      ),
    );
  }

  async function checkBudgets(event: StatusEvent, reader: BudgetReader): Promise<void> {
    const found = await budgetAlerts(reader, event.generation, settings.budgetThresholds, clock.now());
    for (const { alert, windowMs } of found) await raise(alert, windowMs);
  }

  return {
    observeJob(event) {
      const { update, generation } = event;
      if (event.replayed) return;
      if (update.kind !== 'done' && update.kind !== 'failed' && update.kind !== 'blocked') return;
      const now = clock.now();
      finished.add(now, {
        failed: update.kind === 'failed',
        errorClass: update.kind === 'failed' ? update.errorClass : undefined,
      });
      checkErrorRate(now);
      // Blocked images were paid for too; reused ones cost nothing.
      if (deps.budgets && generation.costMicros > 0 && update.kind !== 'failed')
        track(checkBudgets(event, deps.budgets));
    },

    observeProvider(signal) {
      const now = clock.now();
      if (signal.kind === 'rate_limited') {
        limited.add(now, signal.model);
        const recent = limited.values(now);
        if (recent.length < RATE_LIMIT_COUNT) return;
        const models = [...new Set(recent)];
        const numbers = { count: recent.length, windowMs: RATE_LIMIT_WINDOW_MS, models };
        track(
          raise(
            {
              condition: 'rate_limited',
              key: 'rate_limited',
              text: rateLimitedText(numbers),
              details: numbers,
            },
            settings.windowMs,
          ),
        );
      } else if (signal.state === 'open') {
        const { model } = signal;
        const alert: Alert = {
          condition: 'circuit_open',
          key: `circuit_open:${model}`,
          text: circuitOpenText(model),
          details: { model },
        };
        track(raise(alert, settings.windowMs).then((won) => won && announcedOpen.add(model)));
      } else if (signal.state === 'closed' && announcedOpen.delete(signal.model)) {
        const { model } = signal;
        track(
          deliver({
            condition: 'circuit_closed',
            key: `circuit_closed:${model}`,
            text: circuitClosedText(model),
            details: { model },
          }),
        );
      }
    },

    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
