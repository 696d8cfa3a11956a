import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { pino } from 'pino';
import {
  type DiscordEmulator,
  type KnobsUpdate,
  type OptionValue,
  startDiscordEmulator,
} from '../../sandbox/discord/index.js';
import { type FalEmulator, startFalEmulator } from '../../sandbox/fal/fal-emulator.js';
import type { KnobsUpdate as FalKnobs } from '../../sandbox/fal/knobs.js';
import { type Bot, startBot } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import { loadCatalogs } from '../../src/core/catalog/load-catalogs.js';
import type { Generation } from '../../src/core/types.js';
import { deployCommands } from '../../src/platforms/discord/deploy-commands.js';
import { testBotEnv } from './bot-env.js';
import { clockClearOfBoundaries, shiftableClock } from './clock-windows.js';

export interface DiscordBotFixture {
  bot: Bot;
  discord: DiscordEmulator;
  fal: FalEmulator;
  dir: string;
  env: Record<string, string>;
  /** #art of the sandbox guild. */
  art: string;
  /** Seeded users: ada runs the commands, grace is someone else. */
  ada: string;
  grace: string;
  advanceClock(ms: number): void;
  /** The bot's clock now. */
  now(): number;
  /** Polls until `fn` returns a value other than undefined/false (20 ms steps). */
  until<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Runs a slash command as a user (ada in #art by default); resolves once the bot acknowledged it. */
  slash(
    name: string,
    options?: Record<string, OptionValue>,
    actor?: { userId?: string; channelId?: string },
  ): Promise<{ interactionId: string; ackLatencyMs: number }>;
  /** The message behind an interaction's `@original`, once the bot has filled it in. */
  reply(interactionId: string, timeoutMs?: number): Promise<APIMessage>;
  /** Waits until a job message shows a final state (done, failed or blocked). */
  finalMessage(messageId: string, timeoutMs?: number): Promise<APIMessage>;
  /** Waits until the bot reacted 🔁 on a message. */
  rerollReaction(messageId: string, timeoutMs?: number): Promise<void>;
  jobOf(messageId: string): Promise<Generation | undefined>;
  /**
   * Stops the bot (not the emulators) and starts a new one on the same database and storage. A short
   * `closeTimeoutMs` parks running jobs for the new bot to resume.
   */
  restart(closeTimeoutMs?: number): Promise<Bot>;
  close(): Promise<void>;
}

export interface DiscordBotFixtureOptions {
  env?: Record<string, string>;
  discordKnobs?: KnobsUpdate;
  falKnobs?: FalKnobs;
  /** Register the commands to the sandbox guild (DISCORD_DEV_GUILD_ID) instead of globally. */
  guildCommands?: boolean;
  /**
   * Start the bot's clock one minute past the hour (see clockClearOfBoundaries), for tests that count in
   * hourly or daily windows and must not see one end mid-test.
   */
  clearOfBoundaries?: boolean;
}

const FINAL = /^(✅|❌|🚫)/;

export const embedOf = (message: APIMessage | undefined): APIEmbed | undefined => message?.embeds[0];
export const statusOf = (message: APIMessage | undefined): string => embedOf(message)?.description ?? '';

/** The real bot (startBot: core, web server, discord.js) against the Discord and fal emulators, on loopback. */
export async function startDiscordBotFixture(
  options: DiscordBotFixtureOptions = {},
): Promise<DiscordBotFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-discord-'));
  const fal = await startFalEmulator({ knobs: { latencyMs: 40, latencySpreadMs: 0, ...options.falKnobs } });
  const discord = await startDiscordEmulator({ knobs: options.discordKnobs ?? {} });
  const env: Record<string, string> = {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    ...(options.guildCommands ? { DISCORD_DEV_GUILD_ID: discord.guild().id } : {}),
    ...testBotEnv(dir, fal.url),
    PROVIDER_CONCURRENCY: '2',
    ...options.env,
  };
  const config = parseConfig(env);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  await deployCommands(config, await loadCatalogs(), log);
  const clock = options.clearOfBoundaries ? clockClearOfBoundaries() : shiftableClock();
  const start = () =>
    startBot(config, log, { clock, limiterId: `discord-test-${Date.now()}-${Math.random()}` });
  let bot = await start();

  const until: DiscordBotFixture['until'] = async (fn, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await fn();
      if (value !== undefined && value !== false) return value as never;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const [ada, grace] = discord.users;
  const fixture: DiscordBotFixture = {
    get bot() {
      return bot;
    },
    discord,
    fal,
    dir,
    env,
    art: discord.channelId('art'),
    ada: ada?.id ?? '',
    grace: grace?.id ?? '',
    advanceClock: (ms) => clock.advance(ms),
    now: () => clock.now(),
    until,
    async slash(name, values = {}, actor = {}) {
      const handle = discord.slashCommand({
        name,
        options: values,
        userId: actor.userId ?? ada?.id,
        channelId: actor.channelId ?? discord.channelId('art'),
      });
      const record = await discord.waitForInteraction(
        handle.interactionId,
        (r) => r.state !== 'pending',
        5_000,
      );
      if (record.state !== 'acknowledged') throw new Error(`/${name} was not acknowledged in time`);
      return { interactionId: handle.interactionId, ackLatencyMs: record.ackLatencyMs ?? -1 };
    },
    async reply(interactionId, timeoutMs = 10_000) {
      return discord.waitFor(() => {
        const id = discord.interaction(interactionId)?.responseMessageId;
        const message = id ? discord.message(id) : undefined;
        // Still "thinking…" (loading flag) until the first edit.
        return message && ((message.flags ?? 0) & (1 << 7)) === 0 ? message : undefined;
      }, timeoutMs);
    },
    finalMessage: (messageId, timeoutMs = 10_000) =>
      discord.waitFor(() => {
        const message = discord.message(messageId);
        return message && FINAL.test(statusOf(message)) ? message : undefined;
      }, timeoutMs),
    rerollReaction: async (messageId, timeoutMs = 10_000) => {
      await discord.waitFor(
        () => discord.message(messageId)?.reactions?.some((r) => r.emoji.name === '🔁' && r.me),
        timeoutMs,
      );
    },
    jobOf: (messageId) => bot.core.service.findByMessage('discord', messageId),
    async restart(closeTimeoutMs = 5_000) {
      await bot.close(closeTimeoutMs);
      bot = await start();
      return bot;
    },
    async close() {
      await bot.close(5_000).catch(() => {});
      await discord.close();
      await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
