/** `npm start`: the bot from the environment (wired in src/compose.ts); graceful stop on SIGTERM/SIGINT. */
import { startBot } from './compose.js';
import { ConfigError, loadConfig, requireSettings } from './config.js';
import { createLogger, logCrashes } from './infra/logger.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    requireSettings(config, ['fal', 'platform']);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  logCrashes(log);
  const bot = await startBot(config, log);
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now; unfinished jobs resume on the next start');
      process.exit(1);
    }
    log.info({ signal }, 'signal received');
    bot.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Atelier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
