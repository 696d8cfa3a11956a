/**
 * The whole bot: core, web server and the chat adapters that are configured. src/main.ts starts it
 * from the environment; the sandbox and the end-to-end tests start it against the emulators.
 */
import { hostname } from 'node:os';
import { type CoreOptions, createCore } from './compose.js';
import type { Config } from './config.js';
import { createBudgetReader } from './core/alerts/budget-reader.js';
import { startAlerts } from './core/alerts/start-alerts.js';
import { systemClock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import { createMemorySeenKeys } from './core/memory-seen-keys.js';
import type { Requester } from './core/types.js';
import { createAlertStateRepository } from './infra/db/alert-state-repository.js';
import { createDashboardRepository } from './infra/db/dashboard-repository.js';
import { createMetrics, observeJobs, observeModeration, observeRefusal } from './infra/metrics.js';
import { createRedisSeenKeys } from './infra/redis-seen-keys.js';
import type { AdapterDeps, ChatAdapter } from './platforms/adapter.js';
import type { DiscordAdapterOptions } from './platforms/discord/discord-adapter.js';
import type { SlackAdapterOptions } from './platforms/slack/slack-adapter.js';
import { registerAdminRoutes } from './web/admin/register-admin-routes.js';
import { registerGalleryRoutes } from './web/gallery/register-gallery-routes.js';
import { registerHealthRoutes, registerMediaRoute } from './web/health-routes.js';
import { registerOpsRoutes } from './web/ops-routes.js';
import { createReadiness, type ReadinessCheck } from './web/readiness.js';
import { createWebServer } from './web/server.js';

export interface BotOptions extends CoreOptions {
  /** Adapter timings (tests and benchmarks shorten them). */
  discord?: DiscordAdapterOptions;
  slack?: SlackAdapterOptions;
}

export async function startBot(config: Config, log: Logger, options: BotOptions = {}) {
  // A fixed port names this bot among replicas across its restarts (port 0 falls back to host:pid).
  const owner = config.http.port === 0 ? undefined : `${hostname()}:${config.http.host}:${config.http.port}`;
  const core = await createCore(config, log, { ...(owner ? { owner } : {}), ...options });
  const web = createWebServer(log.child({ component: 'web' }));
  const metrics = createMetrics();
  core.service.onStatus((event) => observeJobs(metrics, event));
  core.onRefusal((refusal) => observeRefusal(metrics, refusal));
  core.moderation.onDecision((decision) => observeModeration(metrics, decision));
  const gallery = registerGalleryRoutes(web, {
    service: core.service,
    catalogs: core.catalogs,
    secret: config.webLinkSecret,
    publicBaseUrl: config.publicBaseUrl,
    clock: options.clock,
  });
  // The usage dashboard (/admin); answers 404 until DASHBOARD_TOKEN is set.
  registerAdminRoutes(web, {
    source: createDashboardRepository(core.database.db),
    token: config.admin.dashboardToken,
    publicBaseUrl: config.publicBaseUrl,
    log: log.child({ component: 'admin' }),
    clock: options.clock,
  });

  // Replay protection: a signed request seen by any replica sharing REDIS_URL is not handled again.
  const seenRequests = config.redisUrl
    ? createRedisSeenKeys(config.redisUrl, log.child({ component: 'replay-guard' }))
    : createMemorySeenKeys();
  const deps: AdapterDeps = {
    config,
    core,
    web,
    log,
    metrics,
    seenRequests,
    commandContext: (requester: Requester) => ({
      service: core.service,
      catalogs: core.catalogs,
      requester,
      galleryLink: gallery.galleryLink,
      showAgeRestricted: core.moderation.nsfwAllowed(requester),
      admin: core.admin,
      deletion: core.deletion,
    }),
  };
  const adapters: ChatAdapter[] = [];
  // Each chat SDK is loaded only when its platform is configured (discord.js and Bolt weigh tens of MB).
  if (config.discord) {
    const { createDiscordAdapter } = await import('./platforms/discord/discord-adapter.js');
    adapters.push(createDiscordAdapter(deps, options.discord));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./platforms/slack/slack-adapter.js');
    adapters.push(createSlackAdapter(deps, options.slack));
  }
  // Ops alerts: always logged; posted when ALERT_CHANNEL names a platform this bot runs.
  const opsChannel = config.alerts.channel;
  const opsAdapter = adapters.find((a) => a.name === opsChannel?.platform);
  if (opsChannel && !opsAdapter?.postNotice)
    log.warn(
      { platform: opsChannel.platform },
      'ALERT_CHANNEL names a platform that is not configured; alerts are only logged',
    );
  const alerts = startAlerts({
    settings: config.alerts,
    claims: createAlertStateRepository(core.database.db),
    budgets: createBudgetReader({ usage: core.usage, limitsFor: core.policy.limitsFor }),
    clock: options.clock ?? systemClock,
    log: log.child({ component: 'alerts' }),
    jobs: core.service,
    provider: core.provider,
    post:
      opsChannel && opsAdapter?.postNotice
        ? (text) => opsAdapter.postNotice!(opsChannel.channelId, text)
        : undefined,
    count: (condition) => metrics.alerts.inc({ condition }),
  });

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
    ...adapters.map((a) => a.readiness()),
  ];
  registerHealthRoutes(web);
  if (core.store.driver === 'local') registerMediaRoute(web, core.store);
  // /metrics and the detailed /readyz are for operators only: their own listener, loopback by default.
  const ops = createWebServer(log.child({ component: 'ops' }));
  registerOpsRoutes(ops, {
    readiness: createReadiness(checks),
    metrics: async () => {
      const counts = core.scheduler.counts();
      metrics.queueDepth.set(counts.waiting);
      metrics.running.set(counts.running);
      return { contentType: metrics.registry.contentType, text: await metrics.registry.metrics() };
    },
  });

  const address = await web.listen(config.http.port, config.http.host);
  log.info({ host: address.address, port: address.port }, 'http server listening');
  const opsAddress = await ops.listen(config.ops.port, config.ops.host).catch(async (error: unknown) => {
    await web.close();
    // Two processes on one machine both on the default port is the likely cause: say which setting.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the ops listener cannot listen (OPS_HOST, OPS_PORT): ${reason}`, { cause: error });
  });
  log.info({ host: opsAddress.address, port: opsAddress.port }, 'ops listener listening (/metrics, /readyz)');
  for (const adapter of adapters) await adapter.start();
  const resumed = await core.service.resume();
  log.info({ platforms: adapters.map((a) => a.name), resumed }, 'bot started');

  let closing: Promise<void> | undefined;
  return {
    core,
    web,
    metrics,
    adapters,
    alerts,
    port: address.port,
    /** The ops listener's port (/metrics, /readyz). */
    opsPort: opsAddress.port,
    /** Graceful: stop taking work, let running jobs finish or park them for the next start. */
    close(timeoutMs = 25_000): Promise<void> {
      closing ??= (async () => {
        log.info('shutting down');
        await core.service.stop(timeoutMs);
        await alerts.stop();
        for (const adapter of adapters)
          await adapter.stop().catch((e: unknown) => log.warn({ err: e }, 'adapter stop failed'));
        await core.close(0);
        await seenRequests.close();
        await web.close();
        await ops.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}

export type Bot = Awaited<ReturnType<typeof startBot>>;
