import type { NowSource } from './ids.js';
import type { SlackKnobs } from './knobs.js';
import type { DeliveryAttempt, DeliveryKind, Json, Transport } from './types.js';

export interface AttemptOutcome {
  status: number;
  body: string;
}

export type SendAttempt = (
  retryNum: number,
  retryReason: string | undefined,
  signal: AbortSignal,
) => Promise<AttemptOutcome>;

export interface RunOptions {
  kind: DeliveryKind;
  transport: Transport;
  /** Recorded on each attempt. */
  payload?: Json;
  eventId?: string;
  /** Only Events API deliveries are re-sent; commands and interactions are not. */
  retryable: boolean;
  knobs: SlackKnobs;
  clock: NowSource;
  /** Aborts every attempt in flight (the emulator is closing). */
  closing: AbortSignal;
  nextSeq(): number;
  /** Called when an attempt starts and again when it completes. */
  onAttempt(attempt: DeliveryAttempt): void;
  /** Lets a sender stamp its envelope id on the attempt record. */
  describe?(attempt: DeliveryAttempt, retryNum: number): void;
}

export interface RunResult {
  acked: boolean;
  attempts: DeliveryAttempt[];
  durationMs: number;
  outcome?: AttemptOutcome;
}

/**
 * Slack's delivery contract: the bot must answer 2xx within the ack window. A retryable delivery that
 * times out or fails is sent again (retry reasons as in X-Slack-Retry-Reason). The result settles when
 * an attempt acks in time or when the last attempt has answered (a late answer counts as not acked).
 */
export function runDelivery(send: SendAttempt, opts: RunOptions): Promise<RunResult> {
  const { knobs, clock } = opts;
  const attempts: DeliveryAttempt[] = [];
  const startedAt = clock.now();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const canRetry = (n: number) => opts.retryable && knobs.eventRetries && n < knobs.maxRetries;

  return new Promise((resolve) => {
    let settled = false;
    const settle = (acked: boolean, outcome?: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      resolve({ acked, attempts, durationMs: clock.now() - startedAt, ...(outcome ? { outcome } : {}) });
    };
    const retry = (n: number, reason: string) =>
      later(knobs.retryDelaysMs[n] ?? knobs.retryDelaysMs.at(-1) ?? 0, () => start(n + 1, reason));

    function start(n: number, reason?: string): void {
      if (settled) return;
      const attempt: DeliveryAttempt = {
        seq: opts.nextSeq(),
        kind: opts.kind,
        transport: opts.transport,
        ...(opts.payload ? { payload: opts.payload } : {}),
        retryNum: n,
        ...(reason ? { retryReason: reason } : {}),
        ...(opts.eventId ? { eventId: opts.eventId } : {}),
        startedAt: clock.now(),
        timedOut: false,
      };
      attempts.push(attempt);
      opts.describe?.(attempt, n);
      opts.onAttempt(attempt);
      const ackTimer = later(knobs.ackTimeoutMs, () => {
        attempt.timedOut = true;
        if (canRetry(n)) retry(n, 'http_timeout');
      });
      const signal = AbortSignal.any([opts.closing, AbortSignal.timeout(knobs.deliveryTimeoutMs)]);
      const finish = (outcome?: AttemptOutcome, error?: unknown) => {
        clearTimeout(ackTimer);
        timers.delete(ackTimer);
        attempt.durationMs = clock.now() - attempt.startedAt;
        if (outcome) attempt.status = outcome.status;
        if (error !== undefined) attempt.error = error instanceof Error ? error.message : String(error);
        opts.onAttempt(attempt);
        const inTime = !attempt.timedOut;
        if (inTime && outcome && outcome.status >= 200 && outcome.status < 300) return settle(true, outcome);
        if (inTime && canRetry(n)) return void retry(n, outcome ? 'http_error' : 'connection_failed');
        // A retry already started for a late attempt; only the last attempt decides.
        if (!inTime && canRetry(n)) return;
        settle(false, outcome);
      };
      send(n, reason, signal).then(
        (outcome) => finish(outcome),
        (error: unknown) => finish(undefined, error),
      );
    }
    start(0);
  });
}
