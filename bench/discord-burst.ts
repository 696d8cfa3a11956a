/**
 * The Discord burst: N people run `/generate` with every dimension at once over the emulated gateway, and
 * the real bot (discord.js) defers, edits and finishes each job's message through the emulated REST API.
 */

import {
  DISCORD_LIKE_BUCKETS,
  type DiscordEmulator,
  type InteractionHandle,
  type MessageEvent,
  startDiscordEmulator,
} from '../sandbox/discord/index.js';
import { parseConfig } from '../src/config.js';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import type { Logger } from '../src/core/logger.js';
import { deployCommands } from '../src/platforms/discord/deploy-commands.js';
import { startBotProcess } from './bot-process.js';
import {
  type BurstSettings,
  coreBotEnv,
  dimensionsFor,
  duplicatedJobs,
  HOST,
  jobIndexOf,
  jobTag,
  letEmulatorsRun,
  makeRunDir,
  newRunId,
  readLedger,
  settle,
  startBenchFal,
  statusEmojiOf,
  waitForCompletion,
  watchLoopDelay,
} from './burst-common.js';
import type { BurstObservation } from './burst-metrics.js';
import { monotonicUs } from './cpu-profile.js';
import { kbToMb } from './proc-stats.js';

/** A job card's status line opens its embed description: "✅ Done", "❌ …", "🚫 …". */
const FINAL = /^(✅|❌|🚫)/u;

/** The emulator with `count` people in its guild, Discord-like per-route rate limits on. */
export function startBenchDiscord(count: number, log: Logger): Promise<DiscordEmulator> {
  return startDiscordEmulator({
    host: HOST,
    users: Array.from({ length: count }, (_, i) => ({ username: `bench${i}` })),
    knobs: { buckets: DISCORD_LIKE_BUCKETS },
    maxCalls: 500_000,
    log,
  });
}

export async function discordEnv(
  discord: DiscordEmulator,
  coreEnv: Record<string, string>,
  catalogs: CatalogRegistry,
  log: Logger,
): Promise<Record<string, string>> {
  const env = {
    ...coreEnv,
    DISCORD_TOKEN: discord.botToken,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
  };
  // Registration is a script, not part of the bot's start: do it as `commands deploy` would.
  await deployCommands(parseConfig(env), catalogs, log);
  return env;
}

export async function runDiscordBurst(
  settings: BurstSettings,
  catalogs: CatalogRegistry,
): Promise<BurstObservation> {
  const { n } = settings;
  const runId = newRunId();
  const catalog = catalogs.get(catalogs.defaultId);
  const runDir = await makeRunDir(settings.keepRunDir);
  const fal = await startBenchFal(settings);
  const discord = await startBenchDiscord(n, settings.log);
  const core = await coreBotEnv(settings, fal, runDir.path);
  const bot = startBotProcess({
    env: await discordEnv(discord, core.env, catalogs, settings.log),
    runDir: runDir.path,
    opsUrl: core.opsUrl,
    ...(settings.cpuProfileDir ? { cpuProfileDir: settings.cpuProfileDir } : {}),
    ...(settings.compiledMain ? { compiledMain: settings.compiledMain } : {}),
  });
  try {
    await bot.ready();
    const rssIdleMb = kbToMb(bot.memory().rssKb);
    const finalAt = new Map<number, number>();
    let failed = 0;
    discord.on('message', (event: MessageEvent) => {
      const description = event.message.embeds?.[0]?.description ?? '';
      if (event.type === 'delete' || !FINAL.test(description)) return;
      const index = jobIndexOf(description, runId);
      if (index === undefined || finalAt.has(index)) return;
      finalAt.set(index, Date.now());
      if (!description.startsWith('✅')) failed++;
    });
    const art = discord.channelId('art');
    const callMark = discord.lastCallSeq();
    const cpuBefore = bot.cpuMs();
    const fromUs = monotonicUs();
    const startedAt = Date.now();
    const loopDelay = watchLoopDelay();
    const interactions: InteractionHandle[] = [];
    for (const [i, user] of discord.users.slice(0, n).entries()) {
      interactions.push(
        discord.slashCommand({
          name: 'generate',
          options: { ...dimensionsFor(catalog, i), prompt: jobTag(runId, i) },
          userId: user.id,
          channelId: art,
        }),
      );
      await letEmulatorsRun();
    }
    const emulatorLoopDelay = await loopDelay.until(() =>
      interactions.every((i) => discord.interaction(i.interactionId)?.state !== 'pending'),
    );
    await waitForCompletion({
      done: () => finalAt.size >= n,
      progress: () => finalAt.size,
      deadline: startedAt + 3 * Math.ceil(n / settings.concurrency) * settings.latencyMs + 60_000,
      stallMs: 60_000 + settings.latencyMs,
      report: (done) => settings.progress(`discord: ${done}/${n} jobs final`),
    });
    await settle(() => discord.lastCallSeq());
    const cpuMs = bot.cpuMs() - cpuBefore;
    const toUs = monotonicUs();
    const memory = bot.memory();
    const deferMs: number[] = [];
    let unacked = 0;
    for (const { interactionId } of interactions) {
      const record = discord.interaction(interactionId);
      if (record?.ackLatencyMs != null && record.state === 'acknowledged') deferMs.push(record.ackLatencyMs);
      else unacked++;
    }
    const chatCallsByRoute: Record<string, number> = {};
    const calls = discord.calls({ after: callMark });
    const editsByStatus: Record<string, number> = {};
    for (const call of calls) {
      const key = call.route ? call.route : `${call.method} ?`;
      chatCallsByRoute[key] = (chatCallsByRoute[key] ?? 0) + 1;
      const embeds = (call.body as { embeds?: Array<{ description?: string }> } | undefined)?.embeds;
      if (call.method === 'PATCH' && embeds?.[0]?.description !== undefined) {
        const status = statusEmojiOf(embeds[0].description);
        editsByStatus[status] = (editsByStatus[status] ?? 0) + 1;
      }
    }
    const stats = fal.stats();
    const ledger = await readLedger(runDir.path, runId);
    return {
      platform: 'discord',
      n,
      concurrency: settings.concurrency,
      latencyMs: settings.latencyMs,
      deferMs,
      unacked,
      startedAt,
      finalAt,
      failed,
      duplicated: duplicatedJobs(stats, ledger, runId).size,
      peakProviderConcurrency: stats.peakInProgress,
      chatCalls: calls.length,
      chatCallsByRoute,
      editsByStatus,
      cpuMs,
      imageCpuMsPerJob: 0,
      rssPeakMb: kbToMb(memory.hwmKb),
      rssIdleMb,
      falSubmits: stats.submits,
      botPid: bot.pid,
      emulatorLoopDelay,
      windowUs: [fromUs, toUs],
    };
  } finally {
    await bot.stop('SIGTERM', 30_000);
    await discord.close();
    await fal.close();
    await runDir.dispose();
  }
}
