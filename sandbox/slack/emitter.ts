import { EventEmitter } from 'node:events';
import type { SlackEmulatorEvents } from './types.js';

export type EventName = keyof SlackEmulatorEvents;
export type Listener<K extends EventName> = (payload: SlackEmulatorEvents[K]) => void;

/** A typed wrapper over EventEmitter: one payload per event, listener errors never reach the emitter's caller. */
export class EmulatorEmitter {
  readonly #inner = new EventEmitter();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {
    // The sandbox page may hold many stream subscribers at once.
    this.#inner.setMaxListeners(100);
  }

  on<K extends EventName>(event: K, listener: Listener<K>): void {
    this.#inner.on(event, listener);
  }

  off<K extends EventName>(event: K, listener: Listener<K>): void {
    this.#inner.off(event, listener);
  }

  emit<K extends EventName>(event: K, payload: SlackEmulatorEvents[K]): void {
    for (const listener of this.#inner.listeners(event)) {
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
