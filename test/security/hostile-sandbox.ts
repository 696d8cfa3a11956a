/**
 * The hostile-request suite's target, run as its own process (`node --import tsx`): the whole sandbox, so
 * the real bot (public port and ops listener), the sandbox page server and the Discord, Slack and fal
 * emulators all live in one process whose survival the suite watches. Prints one JSON line with every
 * listener's port and the credentials a signed request needs, then runs until SIGTERM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startSandbox } from '../../sandbox/start-sandbox.js';

const portOf = (url: string) => Number(new URL(url).port);

const dataDir = await mkdtemp(join(tmpdir(), 'atelier-hostile-'));
const sandbox = await startSandbox({
  // On stderr (the suite keeps it for a failure's report); the bot's own errors are what matter here.
  log: pino({ level: process.env.HOSTILE_LOG_LEVEL ?? 'error' }, pino.destination(2)),
  port: 0,
  botPort: 0,
  dataDir,
  fal: { latencyMs: 50, latencySpreadMs: 0 },
  realisticLimits: false,
});
process.stdout.write(
  `${JSON.stringify({
    ports: {
      bot: sandbox.bot.port,
      ops: sandbox.bot.opsPort,
      page: portOf(sandbox.url),
      discord: portOf(sandbox.discord!.url),
      slack: portOf(sandbox.slack!.url),
      fal: portOf(sandbox.fal.url),
    },
    slackSigningSecret: sandbox.slack!.signingSecret,
    discordBotToken: sandbox.discord!.botToken,
    slackBotToken: sandbox.slack!.botToken,
    discordChannel: sandbox.discord!.channelId('general'),
  })}\n`,
);
process.once('SIGTERM', () => {
  void sandbox
    .close()
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .finally(() => process.exit(0));
});
