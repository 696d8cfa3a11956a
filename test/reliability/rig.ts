import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import type { APIMessage } from 'discord.js';
import { pino } from 'pino';
import { type DiscordEmulator, type GuildSeed, startDiscordEmulator } from '../../sandbox/discord/index.js';
import { type FalEmulator, type KnobsUpdate, startFalEmulator } from '../../sandbox/fal/fal-emulator.js';
import { pickPort } from '../../sandbox/free-port.js';
import {
  type SlackEmulator,
  type KnobsUpdate as SlackKnobsUpdate,
  type SlackMessage,
  startSlackEmulator,
} from '../../sandbox/slack/index.js';
import { parseConfig } from '../../src/config.js';
import { loadCatalogs } from '../../src/core/catalog/load-catalogs.js';
import type { GenerationStatus } from '../../src/core/types.js';
import { deployCommands } from '../../src/platforms/discord/deploy-commands.js';
import { type BotProcess, createBotProcess } from '../helpers/bot-process.js';
import { ALL_DIMENSIONS } from '../helpers/options.js';
import { type FalGate, startFalGate } from './fal-gate.js';
import { type HttpGate, startHttpGate } from './http-gate.js';

/** Every dimension of the default catalog, so /generate starts a job at once (no menus). */
export const OPTIONS = ALL_DIMENSIONS;
const SLACK_TEXT = Object.entries(OPTIONS)
  .map(([k, v]) => `${k}:${v}`)
  .join(' ');
export const SLACK_CHANNEL = 'C0ART00001';
export const SLACK_USERS = ['U0MAYA0001', 'U0RAVI0001', 'U0LENA0001', 'U0ADMIN001'];
const FINAL = /✅|❌|🚫/;

export interface RigOptions {
  platforms: ReadonlyArray<'slack' | 'discord'>;
  fal?: KnobsUpdate;
  env?: Record<string, string>;
  /** Extra node flags for the bot process. */
  nodeArgs?: string[];
  /** Put an HttpGate in front of each chat Web API (to lose answers on their way to the bot). */
  chatGates?: boolean;
  /** Guilds of the Discord emulator (default: its one sandbox guild). */
  discordGuilds?: GuildSeed[];
  /** Use another rig's fal emulator and gate (several bots, one fal); this rig will not close them. */
  shareFal?: Pick<Rig, 'fal' | 'gate'>;
  /** Use another rig's Slack workspace for the Web API (its events keep going to that rig's bot). */
  shareSlack?: SlackEmulator;
  /** Use another rig's database and storage folder: two bots on one database, as replicas run. */
  shareData?: Pick<Rig, 'dataDir'>;
  /** Knobs of this rig's Slack emulator (a test that floods Slack turns its rate limits off, saying why). */
  slackKnobs?: SlackKnobsUpdate;
}

export interface JobRow {
  id: string;
  platform: string;
  status: GenerationStatus;
  extra: string;
  requestId: string | null;
  messageId: string | null;
  imageKey: string | null;
  thumbKey: string | null;
  imageUrl: string | null;
}

export interface Rig {
  fal: FalEmulator;
  gate: FalGate;
  slack: SlackEmulator | undefined;
  discord: DiscordEmulator | undefined;
  slackGate: HttpGate | undefined;
  discordGate: HttpGate | undefined;
  bot: BotProcess;
  /** The bot's environment (for starting another bot process on the same emulators). */
  env: Record<string, string>;
  /** This rig's folder (logs; data too unless shared). */
  dir: string;
  /** Where the database and media are. */
  dataDir: string;
  mediaDir: string;
  /** Sends /generate as the i-th job: even i through Slack, odd through Discord (when both are on). */
  generate(i: number, tag: string): Promise<void>;
  /** Sends jobs 0…n-1 (tags from `tagOf`), a few at a time so acks stay well inside the 3 s limit. */
  generateMany(n: number, tagOf: (i: number) => string, parallel?: number): Promise<void>;
  rows(): Promise<JobRow[]>;
  statusCounts(): Promise<Partial<Record<GenerationStatus, number>>>;
  /** Whether a job's chat message shows its final state with our stored image. */
  messageOf(row: JobRow): { final: boolean; image: string | undefined; text: string };
  /** Bot-authored messages across the platforms (one per job expected). */
  botMessageCount(): number;
  /** Stored objects (relative paths), temp files and sidecars left out. */
  mediaObjects(): Promise<string[]>;
  /** Temp files left by an interrupted write. */
  mediaTempFiles(): Promise<string[]>;
  until<T>(
    fn: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs?: number,
    describe?: () => string | Promise<string>,
  ): Promise<T>;
  close(): Promise<void>;
}

export async function until<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  describe?: () => string | Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) {
      const detail = describe ? `: ${await describe()}` : '';
      throw new Error(`condition not met within ${timeoutMs} ms${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function startFal(knobs: KnobsUpdate | undefined): Promise<{ fal: FalEmulator; gate: FalGate }> {
  const gate = await startFalGate();
  // With publicUrl set the emulator reports the gate's URL as its own: choose its real port first.
  const falPort = await pickPort('127.0.0.1', 0);
  const fal = await startFalEmulator({
    port: falPort,
    publicUrl: gate.url,
    knobs: { latencyMs: 1_500, latencySpreadMs: 500, concurrency: 4, ...knobs },
  });
  gate.setTarget(`http://127.0.0.1:${falPort}`);
  return { fal, gate };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * The emulators (fal behind a steerable gate, Slack, Discord) in this process and the real bot as a child
 * process on a temp database and storage folder, with link media so every final message names our URL.
 */
export async function startRig(options: RigOptions): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-reliability-'));
  const dataDir = options.shareData?.dataDir ?? dir;
  const mediaDir = join(dataDir, 'media');
  const owned = options.shareFal ? undefined : await startFal(options.fal);
  const { fal, gate } = options.shareFal ?? owned!;
  const ownSlack =
    options.platforms.includes('slack') && !options.shareSlack
      ? await startSlackEmulator({ knobs: options.slackKnobs ?? {} })
      : undefined;
  const slack = options.shareSlack ?? ownSlack;
  const discord = options.platforms.includes('discord')
    ? await startDiscordEmulator(options.discordGuilds ? { guilds: options.discordGuilds } : {})
    : undefined;
  const slackGate = slack && options.chatGates ? await startHttpGate(slack.url) : undefined;
  const discordGate = discord && options.chatGates ? await startHttpGate(discord.url) : undefined;
  const env: Record<string, string> = {
    FAL_KEY: 'test-key',
    FAL_QUEUE_URL: gate.url,
    DATABASE_URL: `file:${join(dataDir, 'atelier.db')}`,
    STORAGE_DIR: mediaDir,
    // PUBLIC_BASE_URL is the bot's own address (createBotProcess): Slack downloads the linked images there.
    MEDIA_DELIVERY: 'link',
    PROVIDER_CONCURRENCY: '8',
    ...(slack
      ? {
          SLACK_BOT_TOKEN: slack.botToken,
          SLACK_SIGNING_SECRET: slack.signingSecret,
          SLACK_API_URL: slackGate ? `${slackGate.url}/api/` : slack.apiUrl,
        }
      : {}),
    ...(discord
      ? {
          DISCORD_TOKEN: discord.botToken,
          DISCORD_APP_ID: discord.applicationId,
          DISCORD_API_URL: discordGate ? `${discordGate.url}/api` : discord.apiUrl,
        }
      : {}),
    ...options.env,
  };
  if (discord) await deployCommands(parseConfig(env), await loadCatalogs(), pino({ level: 'silent' }));
  const bot = await createBotProcess({
    env,
    logFile: join(dir, 'bot.log'),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
  ownSlack?.setEventsUrl(`${bot.url}/slack/events`);
  const db: Client = createClient({ url: `file:${join(dataDir, 'atelier.db')}` });

  const both = Boolean(slack && discord);
  const discordUsers = discord?.users.map((u) => u.id) ?? [];

  async function generate(i: number, tag: string): Promise<void> {
    const viaDiscord = discord && (!slack || (both && i % 2 === 1));
    if (viaDiscord) {
      const handle = discord.slashCommand({
        name: 'generate',
        options: { ...OPTIONS, prompt: tag },
        userId: discordUsers[i % discordUsers.length],
        channelId: discord.channelId('art'),
      });
      const record = await discord.waitForInteraction(
        handle.interactionId,
        (r) => r.state !== 'pending',
        5_000,
      );
      if (record.state !== 'acknowledged') throw new Error(`/generate ${tag} was not acknowledged`);
      return;
    }
    if (!slack) throw new Error('no platform');
    const result = await slack.slashCommand({
      userId: SLACK_USERS[i % SLACK_USERS.length]!,
      channelId: SLACK_CHANNEL,
      command: '/generate',
      text: `${SLACK_TEXT} prompt:${tag}`,
    });
    if (!result.acked)
      throw new Error(
        `/generate ${tag} was not acknowledged: ${JSON.stringify({ ...result, attempts: undefined })}`,
      );
  }

  async function rows(): Promise<JobRow[]> {
    const result = await db.execute(
      'SELECT id, platform, status, extra, request_id, message_id, image_key, thumb_key, image_url FROM generations',
    );
    return result.rows.map((r) => ({
      id: String(r.id),
      platform: String(r.platform),
      status: String(r.status) as GenerationStatus,
      extra: String(r.extra),
      requestId: r.request_id === null ? null : String(r.request_id),
      messageId: r.message_id === null ? null : String(r.message_id),
      imageKey: r.image_key === null ? null : String(r.image_key),
      thumbKey: r.thumb_key === null ? null : String(r.thumb_key),
      imageUrl: r.image_url === null ? null : String(r.image_url),
    }));
  }

  function messageOf(row: JobRow) {
    if (row.platform === 'slack' && slack && row.messageId) {
      const [channel, ts] = row.messageId.split(':');
      const message: SlackMessage | undefined = slack.message(channel ?? '', ts ?? '');
      const blocks = (message?.blocks ?? []) as Array<{ type: string; image_url?: string }>;
      const text = JSON.stringify(blocks);
      return { final: FINAL.test(text), image: blocks.find((b) => b.type === 'image')?.image_url, text };
    }
    if (row.platform === 'discord' && discord && row.messageId) {
      const message: APIMessage | undefined = discord.message(row.messageId);
      const embed = message?.embeds[0];
      const text = embed?.description ?? '';
      return { final: /^(✅|❌|🚫)/.test(text), image: embed?.image?.url, text };
    }
    return { final: false, image: undefined, text: '(no message)' };
  }

  return {
    fal,
    gate,
    slack,
    discord,
    slackGate,
    discordGate,
    bot,
    env,
    dir,
    dataDir,
    mediaDir,
    generate,
    async generateMany(n, tagOf, parallel = 5) {
      for (let first = 0; first < n; first += parallel) {
        const wave = Array.from({ length: Math.min(parallel, n - first) }, (_, k) => first + k);
        await Promise.all(wave.map((i) => generate(i, tagOf(i))));
      }
    },
    rows,
    async statusCounts() {
      const counts: Partial<Record<GenerationStatus, number>> = {};
      for (const row of await rows()) counts[row.status] = (counts[row.status] ?? 0) + 1;
      return counts;
    },
    messageOf,
    botMessageCount() {
      const slackCount =
        slack?.messages(SLACK_CHANNEL).filter((m) => m.user === slack.bot.userId).length ?? 0;
      const discordCount =
        discord?.messages(discord.channelId('art')).filter((m) => m.author.id === discord.botUser.id)
          .length ?? 0;
      return slackCount + discordCount;
    },
    async mediaObjects() {
      return (await walk(mediaDir))
        .map((path) => relative(mediaDir, path))
        .filter(
          (path) => !path.split('/').some((part) => part.startsWith('.')) && !path.endsWith('.meta.json'),
        );
    },
    async mediaTempFiles() {
      return (await walk(mediaDir)).filter((path) => path.endsWith('.tmp'));
    },
    until,
    async close() {
      await bot.close();
      db.close();
      await slackGate?.close();
      await discordGate?.close();
      await discord?.close();
      await ownSlack?.close();
      await owned?.fal.close();
      await owned?.gate.close();
      if (process.env.KEEP_RELIABILITY_DIR !== 'true') await rm(dir, { recursive: true, force: true });
    },
  };
}
