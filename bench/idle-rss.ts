/**
 * Resident memory of the idle bot (Discord through the emulator, local storage), for before/after
 * comparisons of start-up weight: each run is a fresh bot process, read once /readyz answers and it has
 * been quiet for a few seconds. Run: `npx tsx bench/idle-rss.ts [runs] [compiled main.js]`.
 */
import { pathToFileURL } from 'node:url';
import { loadCatalogs } from '../src/core/catalog/load-catalogs.js';
import { createLogger } from '../src/infra/logger.js';
import { startBotProcess } from './bot-process.js';
import { type BurstSettings, coreBotEnv, makeRunDir, sleep, startBenchFal } from './burst-common.js';
import { discordEnv, startBenchDiscord } from './discord-burst.js';
import { kbToMb } from './proc-stats.js';
import { makeTinyPng } from './tiny-image.js';

export interface IdleRss {
  /** VmRSS of each run, MB. */
  rssMb: number[];
  /** Milliseconds from spawn to /readyz answering, each run. */
  readyMs: number[];
}

export async function measureIdleRss(runs: number, compiledMain?: string, quietMs = 5_000): Promise<IdleRss> {
  const log = createLogger('error');
  const catalogs = await loadCatalogs();
  const settings: BurstSettings = {
    n: 1,
    concurrency: 4,
    latencyMs: 1000,
    logLevel: 'info',
    keepRunDir: false,
    tinyPng: await makeTinyPng(),
    log,
    progress: () => {},
  };
  const result: IdleRss = { rssMb: [], readyMs: [] };
  for (let i = 0; i < runs; i++) {
    const runDir = await makeRunDir(false);
    const fal = await startBenchFal(settings);
    const discord = await startBenchDiscord(1, log);
    const core = await coreBotEnv(settings, fal, runDir.path);
    const started = Date.now();
    const bot = startBotProcess({
      env: await discordEnv(discord, core.env, catalogs, log),
      runDir: runDir.path,
      opsUrl: core.opsUrl,
      ...(compiledMain ? { compiledMain } : {}),
    });
    try {
      await bot.ready();
      result.readyMs.push(Date.now() - started);
      await sleep(quietMs);
      result.rssMb.push(kbToMb(bot.memory().rssKb));
    } finally {
      await bot.stop('SIGTERM');
      await discord.close();
      await fal.close();
      await runDir.dispose();
    }
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 3);
  const result = await measureIdleRss(runs, process.argv[3]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
