import CircuitBreaker from 'opossum';
import type { Logger } from '../../core/logger.js';
import { isUserClass } from './classify-error.js';

export interface BreakerSettings {
  /** Failure share (%) within the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Calls in the window before the share is considered at all. */
  volumeThreshold: number;
  /** How long a circuit stays open before one trial call is let through (half-open). */
  resetTimeoutMs: number;
  rollingCountTimeoutMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 60_000,
};

export type BreakerState = 'closed' | 'open' | 'halfOpen';
type Action<A extends unknown[], R> = (...args: [...A, AbortSignal | undefined]) => Promise<R>;

/** One opossum circuit per model, created on first use. */
export class ModelBreakers<A extends unknown[], R> {
  private readonly breakers = new Map<string, CircuitBreaker<[...A, AbortSignal | undefined], R>>();

  constructor(
    private readonly action: (model: string) => Action<A, R>,
    private readonly settings: BreakerSettings,
    private readonly log: Logger,
    /** Told when a model's circuit changes state (alerts). */
    private readonly onState?: (model: string, state: BreakerState) => void,
  ) {}

  get(model: string): CircuitBreaker<[...A, AbortSignal | undefined], R> {
    const existing = this.breakers.get(model);
    if (existing) return existing;
    const breaker = new CircuitBreaker(this.action(model), {
      name: model,
      // Timeouts are enforced by an AbortSignal inside the action, which really cancels the request;
      // opossum's own timeout would leave it running (and a late submit would still create a job).
      timeout: false,
      errorThresholdPercentage: this.settings.errorThresholdPercentage,
      volumeThreshold: this.settings.volumeThreshold,
      resetTimeout: this.settings.resetTimeoutMs,
      rollingCountTimeout: this.settings.rollingCountTimeoutMs,
      // The user's input and the caller's own cancellation say nothing about the model's health.
      errorFilter: (error: unknown, ...args: unknown[]) => {
        const signal = args[args.length - 1] as AbortSignal | undefined;
        return Boolean(signal?.aborted) || isUserClass(error);
      },
    });
    breaker.on('open', () => this.log.warn({ model }, 'fal model circuit opened'));
    breaker.on('halfOpen', () => this.log.info({ model }, 'fal model circuit half-open: trying one request'));
    breaker.on('close', () => this.log.info({ model }, 'fal model circuit closed'));
    if (this.onState) {
      const notify = this.onState;
      breaker.on('open', () => notify(model, 'open'));
      breaker.on('halfOpen', () => notify(model, 'halfOpen'));
      breaker.on('close', () => notify(model, 'closed'));
    }
    this.breakers.set(model, breaker);
    return breaker;
  }

  state(model: string): BreakerState {
    const breaker = this.breakers.get(model);
    if (!breaker) return 'closed';
    if (breaker.opened) return 'open';
    return breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  /** Every model seen so far plus the given ones. */
  states(models: readonly string[]): Record<string, BreakerState> {
    const names = new Set([...models, ...this.breakers.keys()]);
    return Object.fromEntries([...names].map((m) => [m, this.state(m)]));
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }
}
