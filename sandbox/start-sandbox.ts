/**
 * `npm run sandbox`: the fal, Discord and Slack emulators on loopback, the real bot (startBot) configured
 * against them, and the sandbox page that drives the emulators' user simulators. Nothing reads .env or the
 * environment: the configuration is built here, so a fresh clone works with no settings at all.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Bot } from '../src/compose.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/core/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { startBotRunner } from './bot-runner.js';
import { type DiscordEmulator, startDiscordEmulator } from './discord/index.js';
import { type FalEmulator, startFalEmulator } from './fal/fal-emulator.js';
import type { KnobsUpdate as FalKnobsUpdate } from './fal/knobs.js';
import { pickPort } from './free-port.js';
import {
  DISCORD_APPLICATION_ID,
  DISCORD_GUILD_ID,
  discordGuilds,
  discordUsers,
  SANDBOX_PEOPLE,
  slackWorkspace,
} from './sandbox-people.js';
import { type SandboxServer, startSandboxServer } from './sandbox-server.js';
import { type SlackEmulator, startSlackEmulator } from './slack/index.js';

export interface SandboxOptions {
  log: Logger;
  /** The page's port (default 4000; taken → a free one; 0 → a free one). */
  port?: number;
  /** The bot's HTTP port (default 3000, same fallback). */
  botPort?: number;
  /** Holds sandbox.db and sandbox-media/ (default ./data in the project). */
  dataDir?: string;
  /** fal emulator knobs over the sandbox's defaults (2–4 s per image, 2 at once). */
  fal?: FalKnobsUpdate;
  /** Slack's rate limits and event retries, and Discord's per-route buckets (default on). */
  realisticLimits?: boolean;
  /** Chat platforms to run (default both). */
  platforms?: { discord?: boolean; slack?: boolean };
  /** Extra bot settings (tests: a faster log level and the like). */
  env?: Record<string, string>;
}

export interface Sandbox {
  /** The page. */
  readonly url: string;
  readonly botUrl: string;
  readonly config: Readonly<Config>;
  readonly bot: Bot;
  /** Restarts the bot with FAL_MODEL set to a shipped text-to-image model (the Knobs panel's model switch). */
  switchModel(model: string): Promise<void>;
  readonly fal: FalEmulator;
  readonly discord: DiscordEmulator | undefined;
  readonly slack: SlackEmulator | undefined;
  /** One line per service for the console. */
  services(): Array<{ name: string; url: string }>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export const SANDBOX_FAL_KNOBS: FalKnobsUpdate = { latencyMs: 3000, latencySpreadMs: 1000, concurrency: 2 };

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { log } = options;
  const enabled = { discord: true, slack: true, ...options.platforms };
  const realistic = options.realisticLimits ?? true;
  const dataDir = resolve(options.dataDir ?? resolve(PROJECT_ROOT, 'data'));
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse())
      await close().catch((error: unknown) => log.warn({ err: error }, 'sandbox: close failed'));
  };

  try {
    const fal = await startFalEmulator({
      host: HOST,
      knobs: { ...SANDBOX_FAL_KNOBS, ...options.fal },
      log: log.child({ component: 'fal-emulator' }),
    });
    closers.push(() => fal.close());
    const discord = enabled.discord
      ? await startDiscordEmulator({
          host: HOST,
          applicationId: DISCORD_APPLICATION_ID,
          users: discordUsers(),
          guilds: discordGuilds(),
          // Discord's buckets and global limit are the emulator's defaults; "kind" turns them off.
          ...(realistic ? {} : { knobs: { buckets: {}, globalLimit: null } }),
          log: log.child({ component: 'discord-emulator' }),
        })
      : undefined;
    if (discord) closers.push(() => discord.close());
    const slack = enabled.slack
      ? await startSlackEmulator({
          host: HOST,
          workspace: slackWorkspace(),
          knobs: realistic ? { eventRetries: true } : { rateLimits: false },
          log: log.child({ component: 'slack-emulator' }),
        })
      : undefined;
    if (slack) closers.push(() => slack.close());

    const botPort = await pickPort(HOST, options.botPort ?? 3000);
    const botUrl = `http://${HOST}:${botPort}`;
    // The bot's public media (and reference images) are served from its own origin: the emulator's image
    // endpoints may download from there, as fal downloads a public image_url.
    fal.allowImageOrigin(botUrl);
    const env: Record<string, string> = {
      ...(discord
        ? {
            DISCORD_TOKEN: discord.botToken,
            DISCORD_APP_ID: discord.applicationId,
            DISCORD_API_URL: discord.apiUrl,
            DISCORD_DEV_GUILD_ID: DISCORD_GUILD_ID,
            ALERT_CHANNEL: `discord:${discord.channelId('ops', DISCORD_GUILD_ID)}`,
          }
        : {}),
      ...(slack
        ? {
            SLACK_BOT_TOKEN: slack.botToken,
            SLACK_SIGNING_SECRET: slack.signingSecret,
            SLACK_API_URL: slack.apiUrl,
            // The sandbox's admins (ada) may use /atelier on Slack too; on Discord their role says so.
            SLACK_ADMIN_USER_IDS: SANDBOX_PEOPLE.filter((p) => p.admin)
              .map((p) => p.slackId)
              .join(','),
          }
        : {}),
      FAL_KEY: 'sandbox',
      FAL_QUEUE_URL: fal.url,
      // fal's storage upload (initiate) goes to the emulator too (storage-routes.ts).
      FAL_REST_URL: fal.url,
      DATABASE_URL: `file:${resolve(dataDir, 'sandbox.db')}`,
      STORAGE_DIR: resolve(dataDir, 'sandbox-media'),
      HTTP_HOST: HOST,
      HTTP_PORT: String(botPort),
      // Any free port: several sandboxes (and the tests') run side by side; the page links to it.
      OPS_HOST: HOST,
      OPS_PORT: '0',
      PUBLIC_BASE_URL: botUrl,
      NSFW_POLICY: 'nsfw-channels',
      // A fresh token per run: the page links to the dashboard with it.
      DASHBOARD_TOKEN: randomBytes(18).toString('hex'),
      // Alerts in the sandbox come quickly (the knobs make failures easy to cause).
      ALERT_WINDOW_MINUTES: '5',
      LOG_LEVEL: 'info',
      ...options.env,
    };
    // Slack delivers to the bot as soon as its web server listens; set before the bot starts.
    slack?.setEventsUrl(`${botUrl}/slack/events`);
    const runner = await startBotRunner({
      env,
      log,
      afterStart: async (config, bot) => {
        if (discord) await deployDiscordCommands(config, bot, log);
      },
    });
    closers.push(() => runner.close(10_000));

    const server: SandboxServer = await startSandboxServer({
      host: HOST,
      port: options.port ?? 4000,
      runner,
      botUrl,
      fal,
      discord,
      slack,
      log: log.child({ component: 'sandbox-page' }),
    });
    closers.push(() => server.close());

    let closing: Promise<void> | undefined;
    return {
      url: server.url,
      botUrl,
      // The runner's current bot: the Knobs panel can restart it on another model.
      get config() {
        return runner.config;
      },
      get bot() {
        return runner.bot;
      },
      switchModel: (model) => runner.switchModel(model),
      fal,
      discord,
      slack,
      services: () => [
        { name: 'bot (web, /slack/events, /gallery)', url: botUrl },
        { name: 'bot ops (/metrics, /readyz)', url: `http://${HOST}:${runner.bot.opsPort}` },
        ...(discord ? [{ name: 'Discord emulator', url: discord.url }] : []),
        ...(slack ? [{ name: 'Slack emulator', url: slack.url }] : []),
        { name: 'fal emulator', url: fal.url },
        { name: 'database', url: runner.config.database.url },
      ],
      close: () => {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function deployDiscordCommands(config: Readonly<Config>, bot: Bot, log: Logger): Promise<void> {
  const { deployCommands } = await import('../src/platforms/discord/deploy-commands.js');
  await deployCommands(config, bot.core.catalogs, log.child({ component: 'deploy-commands' }));
}
