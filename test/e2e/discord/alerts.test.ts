import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { type Bot, startBot } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import { loadCatalogs } from '../../../src/core/catalog/load-catalogs.js';
import type { StatusEvent } from '../../../src/core/status.js';
import type { FalProviderEvent } from '../../../src/infra/fal/provider-events.js';
import { deployCommands } from '../../../src/platforms/discord/deploy-commands.js';
import { testBotEnv } from '../../helpers/bot-env.js';

const ALL = {
  style: 'low-poly',
  pose: 'walking',
  outfit: 'athletic',
  footwear: 'sneakers',
  prop: 'none',
  frame: 'hero',
};
const MODEL = 'fal-ai/flux/schnell';
const RESET_MS = 400;

interface AlertRig {
  bot: Bot;
  discord: DiscordEmulator;
  fal: FalEmulator;
  ops: string;
  logs: Record<string, unknown>[];
  falEvents: FalProviderEvent[];
  /** Runs /generate in #art and resolves with the job's final status event. */
  generate(seed: number): Promise<StatusEvent>;
  opsMessages(): string[];
  close(): Promise<void>;
}

/**
 * The real bot against the Discord and fal emulators, with a sandbox guild that has an #ops channel and a
 * circuit that opens after 3 failed submits (one attempt per job) and half-opens after RESET_MS.
 */
async function startAlertRig(options: { alertChannel: boolean }): Promise<AlertRig> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-alerts-'));
  const fal = await startFalEmulator({ knobs: { latencyMs: 40, latencySpreadMs: 0 } });
  const discord = await startDiscordEmulator({
    guilds: [{ name: 'Atelier Sandbox', channels: ['general', 'art', 'ops'] }],
  });
  const ops = discord.channelId('ops');
  const env: Record<string, string> = {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    ...testBotEnv(dir, fal.url),
    ...(options.alertChannel ? { ALERT_CHANNEL: `discord:${ops}` } : {}),
  };
  const config = parseConfig(env);
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level: 'warn' }, stream);
  await deployCommands(config, await loadCatalogs(), log);
  const bot = await startBot(config, log, {
    limiterId: `alerts-test-${Date.now()}-${Math.random()}`,
    tuning: {
      provider: {
        retry: { submit: { attempts: 1, baseMs: 1, capMs: 1 } },
        breaker: {
          volumeThreshold: 3,
          errorThresholdPercentage: 50,
          resetTimeoutMs: RESET_MS,
          rollingCountTimeoutMs: 60_000,
        },
      },
    },
  });
  const finals: StatusEvent[] = [];
  bot.core.service.onStatus((e) => {
    if (['done', 'failed', 'blocked'].includes(e.update.kind)) finals.push(e);
  });
  const falEvents: FalProviderEvent[] = [];
  bot.core.provider.onEvent((e) => falEvents.push(e));
  const [ada] = discord.users;
  return {
    bot,
    discord,
    fal,
    ops,
    logs,
    falEvents,
    async generate(seed) {
      const handle = discord.slashCommand({
        name: 'generate',
        options: { ...ALL, seed },
        userId: ada?.id,
        channelId: discord.channelId('art'),
      });
      await discord.waitForInteraction(handle.interactionId, (r) => r.state === 'acknowledged', 5_000);
      return discord.waitFor(() => finals.find((e) => e.generation.seed === seed), 10_000);
    },
    opsMessages: () => discord.messages(ops).map((m) => m.content),
    async close() {
      await bot.close(5_000).catch(() => {});
      await discord.close();
      await fal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('Discord ops channel alerts (real discord.js, emulated Discord and fal)', () => {
  let rig: AlertRig;
  beforeAll(async () => {
    rig = await startAlertRig({ alertChannel: true });
  });
  afterAll(async () => {
    await rig?.close();
  });

  /** Waits for the open circuit's reset timer (RESET_MS) to let one trial through: the next half-open event. */
  const nextHalfOpen = async () => {
    const seen = rig.falEvents.filter((e) => e.kind === 'circuit' && e.state === 'halfOpen').length;
    await rig.discord.waitFor(
      () => rig.falEvents.filter((e) => e.kind === 'circuit' && e.state === 'halfOpen').length > seen,
    );
  };

  it('a fal 5xx burst opens the circuit: exactly one alert in #ops, none repeated, then a recovery note', async () => {
    rig.fal.setKnobs({ failNextSubmits: 1_000, failureStatus: 503 });
    for (const seed of [1, 2, 3]) expect((await rig.generate(seed)).update.kind).toBe('failed');
    const alert = await rig.discord.waitFor(() => rig.opsMessages().find((m) => m.includes('Circuit open')));
    expect(alert).toMatch(new RegExp(`^🔴 Circuit open for ${MODEL}: .*FAL_FALLBACK_MODELS`));

    // Still failing: half-open trials fail and the circuit opens again, twice; the window keeps it quiet.
    for (const seed of [4, 5]) {
      await nextHalfOpen();
      expect((await rig.generate(seed)).update.kind).toBe('failed');
    }
    const opened = rig.falEvents.filter((e) => e.kind === 'circuit' && e.state === 'open');
    expect(opened.length).toBeGreaterThanOrEqual(3);
    await rig.bot.alerts.monitor.idle();
    expect(rig.opsMessages()).toEqual([alert]);
    // Posted with the bot token as a plain channel message, and logged.
    const posts = rig.discord
      .calls({ route: 'POST /channels/:channelId/messages' })
      .filter((c) => c.path.includes(rig.ops));
    expect(posts.map((c) => c.status)).toEqual([200]);
    expect(rig.logs.filter((l) => l.msg === 'operator alert').map((l) => l.alert)).toEqual(['circuit_open']);

    // fal recovers: the next half-open trial succeeds and the circuit closes.
    rig.fal.setKnobs({ failNextSubmits: 0 });
    await nextHalfOpen();
    expect((await rig.generate(6)).update.kind).toBe('done');
    const note = await rig.discord.waitFor(() => rig.opsMessages().find((m) => m.includes('Circuit closed')));
    expect(note).toBe(
      `🟢 Circuit closed for ${MODEL}: it answers again and jobs go to it as usual. No action needed.`,
    );
    expect(rig.opsMessages()).toEqual([alert, note]);
    const counted = await rig.bot.metrics.alerts.get();
    expect(Object.fromEntries(counted.values.map((v) => [v.labels.condition, v.value]))).toEqual({
      circuit_open: 1,
      circuit_closed: 1,
    });
  });
});

describe('without ALERT_CHANNEL', () => {
  let rig: AlertRig;
  beforeAll(async () => {
    rig = await startAlertRig({ alertChannel: false });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('alerts are only logged: nothing is posted anywhere', async () => {
    rig.fal.setKnobs({ failNextSubmits: 1_000, failureStatus: 503 });
    for (const seed of [1, 2, 3]) expect((await rig.generate(seed)).update.kind).toBe('failed');
    const logged = await rig.discord.waitFor(() => rig.logs.find((l) => l.msg === 'operator alert'));
    expect(logged).toMatchObject({ level: 40, alert: 'circuit_open', model: MODEL });
    expect(String(logged.text)).toMatch(/^🔴 Circuit open for/);
    await rig.bot.alerts.monitor.idle();
    expect(rig.opsMessages()).toEqual([]);
    // The only channel posts are none at all: job messages go through the interaction webhook.
    expect(rig.discord.calls({ route: 'POST /channels/:channelId/messages' })).toEqual([]);
  });
});
