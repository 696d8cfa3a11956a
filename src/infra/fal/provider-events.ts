import type { Logger } from '../../core/logger.js';
import type { BreakerState } from './model-breakers.js';

/** What the fal provider reports to whoever listens (alerts): fal answered 429, a model's circuit moved. */
export type FalProviderEvent =
  | { kind: 'rate_limited'; model: string }
  | { kind: 'circuit'; model: string; state: BreakerState };

export type FalEventListener = (event: FalProviderEvent) => void;

/** Listeners run inline in the provider's calls: one that throws is logged and the call goes on. */
export function createProviderEvents(log: Logger) {
  const listeners = new Set<FalEventListener>();
  return {
    emit(event: FalProviderEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log.warn({ err: error, event: event.kind }, 'fal event listener failed');
        }
      }
    },
    onEvent(listener: FalEventListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** fal's 429, as our no-retry fetch reports it (FalHttpError) or the client's own ApiError. */
export const isRateLimited = (error: unknown): boolean =>
  (error as { status?: unknown } | null)?.status === 429;
