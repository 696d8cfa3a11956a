import type { Logger as PinoLogger } from 'pino';

/** The logging surface the core uses; pino's logger satisfies it. */
export type Logger = Pick<
  PinoLogger,
  'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'child' | 'level'
>;
