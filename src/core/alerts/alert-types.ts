import type { Platform } from '../types.js';

/** What an alert is about; also the `condition` label of atelier_alerts_total. */
export type AlertCondition = 'error_rate' | 'rate_limited' | 'circuit_open' | 'circuit_closed' | 'budget';

export interface Alert {
  condition: AlertCondition;
  /** Dedupe key shared by replicas (alert_state.key), e.g. `circuit:fal-ai/flux/schnell`. */
  key: string;
  /** Short, specific, actionable: what, where, numbers, what to do. */
  text: string;
  /** Structured details for the log line. */
  details: Record<string, unknown>;
}

export interface AlertSettings {
  /** One alert per condition per window (ms). */
  windowMs: number;
  /** Failed share (0–1) of the window's finished jobs that raises an alert. */
  errorRate: number;
  /** Budget fractions, ascending, e.g. [0.8, 1]. */
  budgetThresholds: readonly number[];
}

/**
 * "Send unless sent within the window", atomically across every process sharing the store, so replicas
 * post one alert per key per window between them. Returns whether this caller won the key.
 */
export interface AlertClaims {
  claim(key: string, now: number, windowMs: number): Promise<boolean>;
}

/** Where alerts go once claimed (log, metrics, the ops channel); must not throw. */
export type AlertSink = (alert: Alert) => Promise<void> | void;

/** A workspace's budgets (micro-dollars, 0 = none) and what it spent since a time. */
export interface BudgetReader {
  budgets(platform: Platform, workspaceId: string): Promise<{ dailyMicros: number; monthlyMicros: number }>;
  spendMicros(platform: Platform, workspaceId: string, since: number): Promise<number>;
}

/** What the image provider reports (the fal provider's onEvent has this shape). */
export type ProviderSignal =
  | { kind: 'rate_limited'; model: string }
  | { kind: 'circuit'; model: string; state: 'open' | 'halfOpen' | 'closed' };
