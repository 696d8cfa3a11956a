import { pino } from 'pino';
import { redactSecrets } from './redact-secrets.js';

/** Secrets never reach the logs: these paths are censored wherever they appear. */
const REDACT = [
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.falKey',
  '*.secretAccessKey',
  '*.authToken',
  '*.authorization',
  '*.headers.authorization',
  'config.*',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream) {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      // Paths cannot reach tokens inside URLs and messages (err.url …/interactions/<id>/<token>/…).
      hooks: { streamWrite: redactSecrets },
      base: { app: 'atelier' },
    },
    destination as never,
  );
}

/**
 * A crash (an uncaught exception, or a promise rejection nobody handled) ends the process as Node would, and
 * first leaves a fatal line in the log, so log-based alerting sees it and the cause sits next to the events
 * that led to it. Node still prints the stack on stderr and exits with code 1; jobs resume on the next start.
 */
export function logCrashes(log: { fatal: (obj: object, msg: string) => void }): void {
  process.on('uncaughtExceptionMonitor', (error, origin) => {
    log.fatal({ err: error, origin }, 'crashed: exiting; unfinished jobs resume on the next start');
  });
}
