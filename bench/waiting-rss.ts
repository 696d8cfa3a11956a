/**
 * Memory with a long queue: `count` jobs sent at once while fal takes ten minutes per image, so C run and
 * the rest wait in the bot's queue. Resident memory is read once every job shows its first status and the
 * bot has gone quiet, and again a minute later, while the jobs still wait: right after the burst V8 still
 * holds the burst's garbage (its heap grew to ~100 MB for ~35 MB of live objects), and gives it back only
 * when its memory reducer runs, 15–30 s after the bot went quiet (`--trace-gc`: "Mark-Compact (reduce)").
 * The second reading is what the bot holds while jobs wait; the first is reported beside it.
 */

import type { InteractionRecord, MessageEvent } from '../sandbox/discord/index.js';
import type { SlackMessage } from '../sandbox/slack/index.js';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import { startBotProcess } from './bot-process.js';
import {
  type BurstSettings,
  coreBotEnv,
  dimensionsFor,
  jobIndexOf,
  jobTag,
  makeRunDir,
  newRunId,
  sleep,
  startBenchFal,
  waitForCompletion,
} from './burst-common.js';
import { discordEnv, startBenchDiscord } from './discord-burst.js';
import { kbToMb } from './proc-stats.js';
import { slackEnv, slackUserId, slashText, startBenchSlack } from './slack-burst.js';

export interface WaitingResult {
  platform: 'discord' | 'slack';
  jobs: number;
  /** Jobs whose message showed a status before memory was read. */
  shown: number;
  /** Commands not acknowledged within Slack's/Discord's 3 s: those people saw an error. */
  unacked: number;
  /** Acknowledged commands whose message never showed the job (a failed first edit nobody retried). */
  unshown: number;
  /** VmRSS a minute after the burst went quiet, the jobs still waiting (see the file's comment). */
  rssMb: number;
  /** VmRSS right after the burst went quiet. */
  rssAfterBurstMb: number;
  peakRssMb: number;
}

const TEN_MINUTES = 600_000;
const QUIET_MS = 3_000;
/** How long the queue waits, after the burst, before memory is read again. */
const SETTLE_MS = 60_000;

export async function runWaitingRss(
  settings: BurstSettings,
  catalogs: CatalogRegistry,
  platform: 'discord' | 'slack',
  count: number,
): Promise<WaitingResult> {
  const runId = newRunId();
  const catalog = catalogs.get(catalogs.defaultId);
  const runDir = await makeRunDir(settings.keepRunDir);
  const fal = await startBenchFal(settings, TEN_MINUTES);
  const core = await coreBotEnv(settings, fal, runDir.path);
  const shown = new Set<number>();
  let lastActivity = Date.now();
  const seen = (text: string) => {
    lastActivity = Date.now();
    const index = jobIndexOf(text, runId);
    if (index !== undefined) shown.add(index);
  };
  const discord = platform === 'discord' ? await startBenchDiscord(count, settings.log) : undefined;
  const slack = platform === 'slack' ? await startBenchSlack(count) : undefined;
  slack?.setEventsUrl(`${core.url}/slack/events`);
  const env = discord
    ? await discordEnv(discord, core.env, catalogs, settings.log)
    : { ...core.env, ...(slack ? slackEnv(slack) : {}) };
  const bot = startBotProcess({
    env,
    runDir: runDir.path,
    opsUrl: core.opsUrl,
    ...(settings.compiledMain ? { compiledMain: settings.compiledMain } : {}),
  });
  try {
    await bot.ready();
    discord?.on('message', (e: MessageEvent) => seen(e.message.embeds?.[0]?.description ?? ''));
    slack?.on('message', ({ message }: { message: SlackMessage }) =>
      seen(JSON.stringify(message.blocks ?? [])),
    );
    const interactionIds: string[] = [];
    // Every command answered one way or the other (acked, or refused by the 3 s rule).
    const settledIds = new Set<string>();
    let settled = 0;
    discord?.on('interaction', (record: InteractionRecord) => {
      if (record.state === 'pending' || settledIds.has(record.id)) return;
      settledIds.add(record.id);
      settled++;
    });
    const deliveries: Array<Promise<boolean>> = [];
    if (discord) {
      const art = discord.channelId('art');
      discord.users.slice(0, count).forEach((user, i) => {
        const { interactionId } = discord.slashCommand({
          name: 'generate',
          options: { ...dimensionsFor(catalog, i), prompt: jobTag(runId, i) },
          userId: user.id,
          channelId: art,
        });
        interactionIds.push(interactionId);
      });
    }
    if (slack) {
      for (let i = 0; i < count; i++)
        deliveries.push(
          slack
            .slashCommand({
              userId: slackUserId(i),
              channelId: 'C0ART00001',
              command: '/generate',
              text: slashText(dimensionsFor(catalog, i), jobTag(runId, i)),
            })
            .then(
              (r) => r.acked,
              () => false,
            )
            .then((acked) => {
              settled++;
              return acked;
            }),
        );
    }
    const started = Date.now();
    await waitForCompletion({
      // Then the bot has gone quiet: jobs whose first edit failed show nothing, and nothing retries it.
      done: () => settled >= count && Date.now() - lastActivity > QUIET_MS,
      progress: () => settled + shown.size,
      deadline: started + 180_000,
      stallMs: 60_000,
      report: () =>
        settings.progress(`${platform}: ${shown.size}/${count} jobs show their place in the queue`),
    });
    const afterBurst = bot.memory();
    settings.progress(`${platform}: memory read; again in ${SETTLE_MS / 1000} s, the jobs still waiting`);
    await sleep(SETTLE_MS);
    const memory = bot.memory();
    const acked = discord
      ? interactionIds.map((id) => discord.interaction(id)?.state === 'acknowledged')
      : await Promise.all(deliveries);
    return {
      platform,
      jobs: count,
      shown: shown.size,
      unacked: acked.filter((a) => !a).length,
      // Slack runs a command even when its ack came too late; Discord's interaction is dead by then.
      unshown: acked.filter((a, i) => a && !shown.has(i)).length,
      rssMb: kbToMb(memory.rssKb),
      rssAfterBurstMb: kbToMb(afterBurst.rssKb),
      peakRssMb: kbToMb(memory.hwmKb),
    };
  } finally {
    // The queued jobs would take hours: no graceful drain.
    await bot.stop('SIGKILL');
    await discord?.close();
    await slack?.close();
    await fal.close();
    await runDir.dispose();
  }
}
