import type { Logger } from '../../core/logger.js';

export interface ChangeNotifier {
  subscribe(listener: () => void): () => void;
  /** Marks a change; listeners run once in the next microtask however many changes happened before it. */
  notify(): void;
}

/** Coalesces change notifications so a burst of N changes costs listeners one call, not N. */
export function createChangeNotifier(log: Logger): ChangeNotifier {
  const listeners = new Set<() => void>();
  let pending = false;
  const flush = () => {
    pending = false;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        log.error({ err: error }, 'scheduler change listener threw');
      }
    }
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify() {
      if (pending) return;
      pending = true;
      queueMicrotask(flush);
    },
  };
}
