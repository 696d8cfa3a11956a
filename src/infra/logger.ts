import { pino } from 'pino';

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
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'atelier' } },
    destination as never,
  );
}
