import type { ImageProvider } from '../core/ports.js';
import { withDeadline } from '../infra/limiter/deadline.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void> | void;
}

export type CheckResult = { name: string; ok: true } | { name: string; ok: false; error: string };

export interface ReadinessReport {
  ok: boolean;
  checks: CheckResult[];
}

export interface ReadinessOptions {
  /** How long a finished check is reused (default 1 s). */
  reuseMs?: number;
  /** Each check's time limit (default 2 s). */
  timeoutMs?: number;
  /** Monotonic milliseconds (tests step it). */
  now?: () => number;
}

/**
 * Runs every check, at most once per `reuseMs`: callers in that time get the last report, and callers
 * while a run is in progress share it. Each run writes, fsyncs and deletes a file and queries the
 * database, so a probe loop or a scraper hammering /readyz costs one run per second, not one per request.
 */
export function createReadiness(checks: readonly ReadinessCheck[], options: ReadinessOptions = {}) {
  const reuseMs = options.reuseMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const now = options.now ?? (() => performance.now());
  let running: Promise<ReadinessReport> | undefined;
  let last: { at: number; report: ReadinessReport } | undefined;

  const run = async (): Promise<ReadinessReport> => {
    const results = await Promise.all(
      checks.map(async ({ name, check }): Promise<CheckResult> => {
        try {
          await withDeadline(Promise.resolve().then(check), timeoutMs, `no answer within ${timeoutMs} ms`);
          return { name, ok: true };
        } catch (error) {
          return { name, ok: false, error: error instanceof Error ? error.message.slice(0, 200) : 'failed' };
        }
      }),
    );
    return { ok: results.every((r) => r.ok), checks: results };
  };

  return (): Promise<ReadinessReport> => {
    if (running) return running;
    if (last && now() - last.at < reuseMs) return Promise.resolve(last.report);
    running = run().then((report) => {
      last = { at: now(), report };
      running = undefined;
      return report;
    });
    return running;
  };
}

/** The provider is unready only when every model's circuit is open: otherwise a fallback still serves. */
export const providerCheck = (provider: Pick<ImageProvider, 'health'>): ReadinessCheck => ({
  name: 'provider',
  check() {
    const states = Object.values(provider.health().circuit);
    if (states.length > 0 && states.every((s) => s === 'open'))
      throw new Error('every model circuit is open');
  },
});
