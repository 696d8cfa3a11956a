/**
 * The whole bot: core, web server and the chat adapters that are configured. src/main.ts starts it
 * from the environment; the sandbox and the end-to-end tests start it against the emulators.
 */
import { type CoreOptions, createCore } from './compose.js';
import type { Config } from './config.js';
import type { Logger } from './core/logger.js';
import { type ReadinessCheck, registerHealthRoutes, registerMediaRoute } from './web/health-routes.js';
import { createWebServer } from './web/server.js';

export interface ChatAdapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stop taking new commands (in-flight jobs keep updating their messages until close). */
  stop(): Promise<void>;
  readiness(): ReadinessCheck;
}

export async function startBot(config: Config, log: Logger, options: CoreOptions = {}) {
  const core = await createCore(config, log, options);
  const web = createWebServer(log.child({ component: 'web' }));
  const adapters: ChatAdapter[] = [];

  const checks: ReadinessCheck[] = [
    { name: 'database', check: () => core.database.check() },
    { name: 'storage', check: () => core.store.check() },
    { name: 'scheduler', check: () => core.scheduler.check() },
    {
      name: 'provider',
      check: () => {
        const states = Object.values(core.provider.health().circuit);
        if (states.length > 0 && states.every((s) => s === 'open'))
          throw new Error('every model circuit is open');
      },
    },
  ];
  registerHealthRoutes(web, checks);
  if (core.store.driver === 'local') registerMediaRoute(web, core.store);

  for (const adapter of adapters) checks.push(adapter.readiness());
  const address = await web.listen(config.http.port, config.http.host);
  log.info({ host: address.address, port: address.port }, 'http server listening');
  for (const adapter of adapters) await adapter.start();
  await core.service.resume();

  let closing: Promise<void> | undefined;
  return {
    core,
    web,
    port: address.port,
    /** Graceful: stop taking work, let running jobs finish or park them for the next start. */
    close(timeoutMs = 25_000): Promise<void> {
      closing ??= (async () => {
        log.info('shutting down');
        for (const adapter of adapters)
          await adapter.stop().catch((e: unknown) => log.warn({ err: e }, 'adapter stop failed'));
        await core.close(timeoutMs);
        await web.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}

export type Bot = Awaited<ReturnType<typeof startBot>>;
