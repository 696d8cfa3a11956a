import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type FalEmulator, startFalEmulator } from '../../sandbox/fal/fal-emulator.js';
import type { KnobsUpdate as FalKnobs } from '../../sandbox/fal/knobs.js';
import { pickPort } from '../../sandbox/free-port.js';
import {
  type KnobsUpdate,
  type SlackEmulator,
  type SlackMessage,
  startSlackEmulator,
} from '../../sandbox/slack/index.js';
import { type Bot, startBot } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import type { Generation } from '../../src/core/types.js';
import { testBotEnv } from './bot-env.js';
import { clockClearOfBoundaries, shiftableClock } from './clock-windows.js';

export const MAYA = 'U0MAYA0001';
export const RAVI = 'U0RAVI0001';
export const ART = 'C0ART00001';
export const RANDOM = 'C0RANDOM01';

export interface SlackBotFixture {
  readonly bot: Bot;
  slack: SlackEmulator;
  fal: FalEmulator;
  dir: string;
  env: Record<string, string>;
  /** Stops the bot (jobs still running are parked after stopTimeoutMs) and starts a new one on the same data. */
  restart(stopTimeoutMs?: number): Promise<void>;
  /** Moves the bot's clock forward (the core's re-roll window, timestamps). */
  advanceClock(ms: number): void;
  /** The bot's clock now. */
  now(): number;
  /** Polls until `fn` returns a value other than undefined/false (20 ms steps). */
  until<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** The bot's messages in a channel, thread replies included. */
  botMessages(channel?: string): SlackMessage[];
  /** The job shown by a message, from the database. */
  jobOf(message: Pick<SlackMessage, 'channel' | 'ts'>): Promise<Generation | undefined>;
  /** Rows in the generations table. */
  countJobs(): Promise<number>;
  /** Waits until the message of a job shows its final state (the last edit went out). */
  finalMessage(channel: string, ts: string, timeoutMs?: number): Promise<SlackMessage>;
  close(): Promise<void>;
}

export interface SlackBotFixtureOptions {
  env?: Record<string, string>;
  slackKnobs?: KnobsUpdate;
  falKnobs?: FalKnobs;
  socketMode?: boolean;
  /**
   * Start the bot's clock one minute past the hour (see clockClearOfBoundaries), for tests that count in
   * hourly or daily windows and must not see one end mid-test.
   */
  clearOfBoundaries?: boolean;
  /**
   * Media linked at a URL Slack can download: the bot's own /media on a port chosen ahead, with
   * MEDIA_DELIVERY=link (as with public R2 URLs). By default the media URL is unreachable, so images upload.
   */
  publicMedia?: boolean;
}

const FINAL = /✅|❌|🚫/;

/** The real bot (startBot: core, web server, Bolt) against the Slack and fal emulators, on loopback. */
export async function startSlackBotFixture(options: SlackBotFixtureOptions = {}): Promise<SlackBotFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-slack-'));
  const fal = await startFalEmulator({ knobs: { latencyMs: 40, latencySpreadMs: 0, ...options.falKnobs } });
  const slack = await startSlackEmulator({ knobs: options.slackKnobs ?? {} });
  const mediaPort = options.publicMedia ? await pickPort('127.0.0.1', 0) : undefined;
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    ...(options.socketMode ? { SLACK_APP_TOKEN: slack.appToken } : {}),
    ...testBotEnv(dir, fal.url),
    PROVIDER_CONCURRENCY: '2',
    ...(mediaPort
      ? {
          HTTP_PORT: String(mediaPort),
          PUBLIC_BASE_URL: `http://127.0.0.1:${mediaPort}`,
          MEDIA_DELIVERY: 'link',
        }
      : {}),
    ...options.env,
  };
  const clock = options.clearOfBoundaries ? clockClearOfBoundaries() : shiftableClock();
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const boot = async () => {
    const started = await startBot(parseConfig(env), log, {
      clock,
      limiterId: `slack-test-${Date.now()}-${Math.random()}`,
    });
    if (!options.socketMode) slack.setEventsUrl(`http://127.0.0.1:${started.port}/slack/events`);
    return started;
  };
  let bot = await boot();

  const until: SlackBotFixture['until'] = async (fn, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await fn();
      if (value !== undefined && value !== false) return value as never;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const botMessages = (channel = ART) => slack.messages(channel).filter((m) => m.user === slack.bot.userId);
  return {
    get bot() {
      return bot;
    },
    async restart(stopTimeoutMs = 300) {
      await bot.close(stopTimeoutMs);
      bot = await boot();
    },
    slack,
    fal,
    dir,
    env,
    advanceClock: (ms) => clock.advance(ms),
    now: () => clock.now(),
    until,
    botMessages,
    countJobs: async () =>
      Number(
        (await bot.core.database.client.execute('SELECT count(*) AS n FROM generations')).rows[0]?.n ?? 0,
      ),
    jobOf: (m) => bot.core.service.findByMessage('slack', `${m.channel}:${m.ts}`),
    finalMessage: (channel, ts, timeoutMs) =>
      until(() => {
        const message = slack.message(channel, ts);
        return message && FINAL.test(JSON.stringify(message.blocks ?? [])) ? message : undefined;
      }, timeoutMs),
    async close() {
      await bot.close(5_000).catch(() => {});
      await slack.close();
      await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
