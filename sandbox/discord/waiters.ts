import type { EventEmitter } from 'node:events';
import type { APIMessage } from 'discord.js';
import {
  type CallFilter,
  type DiscordEmulatorEvents,
  EMULATOR_EVENTS,
  type InteractionRecord,
  type RecordedCall,
} from './types.js';

export interface Waiters {
  /**
   * Resolves with the first truthy result of `probe`, checked now, after every emulator event and
   * every 20 ms (for clock-driven changes such as an interaction going unacknowledged).
   */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  waitForCall(filter: CallFilter, timeoutMs?: number): Promise<RecordedCall>;
  /** The first message (any channel, ephemeral ones included) matching the predicate. */
  waitForMessage(predicate: (message: APIMessage) => boolean, timeoutMs?: number): Promise<APIMessage>;
  waitForInteraction(
    interactionId: string,
    predicate: (record: InteractionRecord) => boolean,
    timeoutMs?: number,
  ): Promise<InteractionRecord>;
}

export interface WaiterSources {
  calls(filter: CallFilter): RecordedCall[];
  messages(): APIMessage[];
  interaction(id: string): InteractionRecord | undefined;
}

const DEFAULT_TIMEOUT_MS = 5000;

export function createWaiters(events: EventEmitter<DiscordEmulatorEvents>, sources: WaiterSources): Waiters {
  const waitFor = <T>(
    probe: () => T | undefined | null | false,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        try {
          const value = probe();
          if (value === undefined || value === null || value === false) return;
          stop();
          resolve(value);
        } catch (error) {
          stop();
          reject(error);
        }
      };
      const poll = setInterval(check, 20);
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`waitFor: nothing matched within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = () => {
        clearInterval(poll);
        clearTimeout(timer);
        for (const event of EMULATOR_EVENTS) events.off(event, check);
      };
      for (const event of EMULATOR_EVENTS) events.on(event, check);
      check();
    });

  return {
    waitFor,
    waitForCall: (filter, timeoutMs) => waitFor(() => sources.calls(filter)[0], timeoutMs),
    waitForMessage: (predicate, timeoutMs) => waitFor(() => sources.messages().find(predicate), timeoutMs),
    waitForInteraction: (id, predicate, timeoutMs) =>
      waitFor(() => {
        const record = sources.interaction(id);
        return record && predicate(record) ? record : undefined;
      }, timeoutMs),
  };
}
