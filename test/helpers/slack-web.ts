import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../sandbox/slack/slack-emulator-api.js';

/** Slack's logger interface, quiet; errors are kept in `errors` so a failing test can show them. */
export function quietSlackLogger(errors: string[] = []): Logger {
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...msg: unknown[]) => errors.push(msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.ERROR,
    setName: () => {},
  };
}

/** A Web API client for the emulator's bot token that never retries (tests see each answer as given). */
export const emulatorWebClient = (emulator: SlackEmulator): WebClient =>
  new WebClient(emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    logger: quietSlackLogger(),
    retryConfig: { retries: 0 },
  });

/** Slack's error name a call failed with, or 'resolved'. */
export const slackErrorOf = (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => 'resolved',
    (e: { data?: { error?: string } }) => e.data?.error,
  );
