import type { EmulatorEmitter } from './emitter.js';
import type { EphemeralMessage } from './types.js';

/** Ephemeral messages, kept per recipient: Slack never lists them anywhere, tests and the page need them. */
export class EphemeralStore {
  #items: EphemeralMessage[] = [];

  constructor(private readonly emitter: EmulatorEmitter) {}

  reset(): void {
    this.#items = [];
  }

  add(message: EphemeralMessage): EphemeralMessage {
    this.#items.push(message);
    this.emitter.emit('ephemeral', message);
    return message;
  }

  list(userId?: string): EphemeralMessage[] {
    return this.#items.filter((m) => userId === undefined || m.user === userId);
  }

  get(userId: string, ts: string): EphemeralMessage | undefined {
    return this.#items.find((m) => m.user === userId && m.ts === ts);
  }

  /** Marks a message replaced (or deleted) and announces it. */
  retire(message: EphemeralMessage, how: 'replacedAt' | 'deletedAt', at: number): void {
    message[how] = at;
    this.emitter.emit('ephemeral', message);
  }
}
