/**
 * The Slack burst: N people send a signed `/generate` with every dimension at once (HTTP mode, the bot's
 * web server), and the real bot (Bolt) answers, posts and edits each job's message in the Slack emulator.
 */

import {
  defaultWorkspace,
  type SlackEmulator,
  type SlackMessage,
  startSlackEmulator,
} from '../sandbox/slack/index.js';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
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

const ART = 'C0ART00001';
/** The status line of a job card in its fallback text: "<title> — ✅ Done". */
const FINAL = /— (✅|❌|🚫)/u;

export const slackUserId = (i: number): string => `U9B${String(i).padStart(7, '0')}`;

/** The sandbox workspace plus `count` people, all members of #art. */
export async function startBenchSlack(count: number): Promise<SlackEmulator> {
  const workspace = defaultWorkspace();
  const ids = Array.from({ length: count }, (_, i) => slackUserId(i));
  workspace.users.push(
    ...ids.map((id, i) => ({ id, name: `bench${i}`, realName: `Bench ${i}`, isAdmin: false, isBot: false })),
  );
  for (const channel of workspace.channels) if (channel.id === ART) channel.members.push(...ids);
  // Slack's own rate limits are turned off (they are on by default): this measures the bot, not Slack's
  // tiers (see the README's notes); 1,000 jobs at chat.update's 50 a minute would take 20 minutes.
  return startSlackEmulator({ host: HOST, workspace, maxRecords: 500_000, knobs: { rateLimits: false } });
}

export const slackEnv = (slack: SlackEmulator): Record<string, string> => ({
  SLACK_BOT_TOKEN: slack.botToken,
  SLACK_SIGNING_SECRET: slack.signingSecret,
  SLACK_API_URL: slack.apiUrl,
});

export function slashText(dimensions: Record<string, string>, extra: string): string {
  return `${Object.entries(dimensions)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ')} ${extra}`;
}

export async function runSlackBurst(
  settings: BurstSettings,
  catalogs: CatalogRegistry,
): Promise<BurstObservation> {
  const { n } = settings;
  const runId = newRunId();
  const catalog = catalogs.get(catalogs.defaultId);
  const runDir = await makeRunDir(settings.keepRunDir);
  const fal = await startBenchFal(settings);
  const slack = await startBenchSlack(n);
  const { env, url, opsUrl } = await coreBotEnv(settings, fal, runDir.path);
  slack.setEventsUrl(`${url}/slack/events`);
  const bot = startBotProcess({
    env: { ...env, ...slackEnv(slack) },
    runDir: runDir.path,
    opsUrl,
    ...(settings.cpuProfileDir ? { cpuProfileDir: settings.cpuProfileDir } : {}),
    ...(settings.compiledMain ? { compiledMain: settings.compiledMain } : {}),
  });
  try {
    await bot.ready();
    const rssIdleMb = kbToMb(bot.memory().rssKb);
    const finalAt = new Map<number, number>();
    let failed = 0;
    slack.on('message', ({ kind, message }: { kind: string; message: SlackMessage }) => {
      if (kind === 'deleted' || message.user !== slack.bot.userId || !FINAL.test(message.text)) return;
      const index = jobIndexOf(JSON.stringify(message.blocks ?? []), runId);
      if (index === undefined || finalAt.has(index)) return;
      finalAt.set(index, Date.now());
      if (!message.text.includes('✅')) failed++;
    });
    const callMark = slack.calls.at(-1)?.seq ?? 0;
    const cpuBefore = bot.cpuMs();
    const fromUs = monotonicUs();
    const startedAt = Date.now();
    const loopDelay = watchLoopDelay();
    const acks = [];
    for (let i = 0; i < n; i++) {
      acks.push(
        slack.slashCommand({
          userId: slackUserId(i),
          channelId: ART,
          command: '/generate',
          text: slashText(dimensionsFor(catalog, i), jobTag(runId, i)),
        }),
      );
      await letEmulatorsRun();
    }
    const delivered = Promise.allSettled(acks);
    let answered = false;
    void delivered.then(() => {
      answered = true;
    });
    const emulatorLoopDelay = await loopDelay.until(() => answered);
    await waitForCompletion({
      done: () => finalAt.size >= n,
      progress: () => finalAt.size,
      deadline: startedAt + 3 * Math.ceil(n / settings.concurrency) * settings.latencyMs + 60_000,
      stallMs: 60_000 + settings.latencyMs,
      report: (done) => settings.progress(`slack: ${done}/${n} jobs final`),
    });
    await settle(() => slack.calls.length);
    const cpuMs = bot.cpuMs() - cpuBefore;
    const toUs = monotonicUs();
    const memory = bot.memory();
    const results = await delivered;
    const deferMs: number[] = [];
    let unacked = 0;
    for (const r of results) {
      if (r.status === 'fulfilled' && r.value.acked) deferMs.push(r.value.durationMs);
      else unacked++;
    }
    const chatCallsByRoute: Record<string, number> = {};
    let chatCalls = 0;
    const editsByStatus: Record<string, number> = {};
    for (const call of slack.calls) {
      if (call.seq <= callMark) continue;
      chatCalls++;
      chatCallsByRoute[call.method] = (chatCallsByRoute[call.method] ?? 0) + 1;
      // The fallback text is "<title> — <status line>" (the status line may hold " — " too).
      const text = (call.args as { text?: unknown }).text;
      if (call.method === 'chat.update' && typeof text === 'string') {
        const status = statusEmojiOf(text.slice(text.indexOf(' — ') + 3));
        editsByStatus[status] = (editsByStatus[status] ?? 0) + 1;
      }
    }
    const stats = fal.stats();
    const ledger = await readLedger(runDir.path, runId);
    return {
      platform: 'slack',
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
      chatCalls,
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
    await slack.close();
    await fal.close();
    await runDir.dispose();
  }
}
