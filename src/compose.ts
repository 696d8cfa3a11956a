/**
 * The composition root, the one place that wires configuration → infra → core → web → chat adapters:
 * createCore builds the core on real infra (the CLI runs it alone); startBot adds the public web server,
 * the ops listener, metrics, alerts and the configured chat adapters (which get AdapterDeps: services and
 * small ports, never a repository), starts them and resumes unfinished jobs. src/main.ts calls startBot
 * from the environment and handles signals; the sandbox and the tests call it with their own config.
 */
import { hostname } from 'node:os';
import { blocklistEntryProblem, type Config, ConfigError } from './config.js';
import { createAdminService } from './core/admin/admin-service.js';
import { createBudgetReader } from './core/alerts/budget-reader.js';
import { startAlerts } from './core/alerts/start-alerts.js';
import { loadCatalogs } from './core/catalog/load-catalogs.js';
import { systemClock } from './core/clock.js';
import { createDeletionService } from './core/deletion/create-deletion-service.js';
import { createGenerationService } from './core/generation/generation-service.js';
import type { GenerationTuning } from './core/generation/generation-tuning.js';
import { modelChainProblems, promptBudgetsFor } from './core/generation/model-chain.js';
import type { Logger } from './core/logger.js';
import { createMemorySeenKeys } from './core/memory-seen-keys.js';
import { readBlocklistFile } from './core/moderation/blocklist-file.js';
import { createModerator } from './core/moderation/create-moderator.js';
import { createPolicy } from './core/policy/create-policy.js';
import type { Refusal } from './core/policy/policy-types.js';
import type { Clock } from './core/ports.js';
import { checkCatalogsFit } from './core/prompt/check-budget.js';
import type { PromptBudget } from './core/prompt/prompt-budget.js';
import { createAlertStateRepository } from './infra/db/alert-state-repository.js';
import { createDashboardRepository } from './infra/db/dashboard-repository.js';
import { openDatabase } from './infra/db/database.js';
import { createRepositories } from './infra/db/repositories.js';
import { createFalProvider, type FalProviderOptions } from './infra/fal/fal-provider.js';
import { createScheduler } from './infra/limiter/create-scheduler.js';
import { createMetrics, observeCore } from './infra/metrics.js';
import { createRedisSeenKeys } from './infra/redis-seen-keys.js';
import { createObjectStore } from './infra/storage/create-store.js';
import { createSharpProcessor } from './infra/storage/sharp-processor.js';
import { createT5TokenCounter } from './infra/tokenizer/t5-token-counter.js';
import type { AdapterDeps, ChatAdapter } from './platforms/adapter.js';
import { registerAdminRoutes } from './web/admin/register-admin-routes.js';
import { registerGalleryRoutes } from './web/gallery/register-gallery-routes.js';
import { registerHealthRoutes, registerMediaRoute } from './web/health-routes.js';
import { registerOpsRoutes } from './web/ops-routes.js';
import { createReadiness, providerCheck, type ReadinessCheck } from './web/readiness.js';
import { createWebServer } from './web/server.js';

/** Set by the tests (src/main.ts, the sandbox and the bench use the defaults). */
export interface CoreOptions {
  /** Tests move time forward (re-roll windows, quotas, leases, links). */
  clock?: Clock;
  /** Scheduler id in Redis; processes sharing it share the provider limit (tests use unique ids). */
  limiterId?: string;
  /** Timeouts and retry budgets; the fault tests shorten them. */
  tuning?: CoreTuning;
  /** This process among those sharing the database (job leases); startBot passes a restart-stable one. */
  owner?: string;
  /** What the model reads of a prompt. Default: the strictest of FAL_MODEL and its fallbacks. */
  promptBudget?: PromptBudget;
}

export interface CoreTuning {
  /** fal: request timeouts and the whole-job wait, submit/result retries, circuit breaker. */
  provider?: Pick<FalProviderOptions, 'timeouts' | 'retry' | 'breaker'>;
  /** Generation service: storage and database retry budgets. */
  generation?: GenerationTuning;
  /** Embedded database: how long a write waits for another connection's lock. */
  database?: { busyTimeoutMs?: number };
}

export async function createCore(config: Config, log: Logger, options: CoreOptions = {}) {
  const clock = options.clock ?? systemClock;
  const tuning = options.tuning ?? {};
  // Read before anything is opened: a bad line stops start-up naming the file and line.
  const { entries: blocklisted, problems } = config.moderation.blocklistFile
    ? await readBlocklistFile(config.moderation.blocklistFile, blocklistEntryProblem)
    : { entries: [], problems: [] };
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `MODERATION_BLOCKLIST_FILE: ${p}`));
  const catalogs = await loadCatalogs();
  // Every request is text to image; none carries a reference image until catalogs have one (issue 15,
  // brand assets). A model that requires one (Kontext edits) cannot serve them, as primary or fallback.
  const chainProblems = modelChainProblems(config.fal.profiles, { referenceImage: false });
  if (chainProblems.length > 0) throw new ConfigError(chainProblems);
  const promptFit = {
    budget: options.promptBudget ?? promptBudgetsFor(config.fal.profiles)[0]!,
    counter: createT5TokenCounter(),
    // The trigger word stands for the character only when every model of the chain applies the LoRA.
    lora: config.fal.profiles.every((p) => p.takes.loras),
  };
  const tokenizerLoadMs = promptFit.budget.unit === 't5-tokens' ? promptFit.counter.load() : 0;
  checkCatalogsFit(catalogs.list(), promptFit, log, tokenizerLoadMs);
  const database = await openDatabase({
    url: config.database.url,
    ...(config.database.authToken ? { authToken: config.database.authToken } : {}),
    ...(tuning.database?.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: tuning.database.busyTimeoutMs }),
    log,
  });
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const { generations, prompts, usage, limits, audit, bans, sharers } = createRepositories(
    database.db,
    clock,
    owner,
  );
  const moderation = createModerator({
    blocklist: [...config.moderation.blocklist, ...blocklisted],
    nsfw: config.moderation.nsfw,
    audit,
    log: log.child({ component: 'moderation' }),
  });
  const refusalListeners = new Set<(refusal: Refusal) => void>();
  const policy = createPolicy({
    usage,
    limits,
    restrictions: bans,
    defaults: config.limits,
    clock,
    log: log.child({ component: 'policy' }),
    onRefusal: (refusal) => {
      for (const listener of refusalListeners) listener(refusal);
    },
  });
  const store = createObjectStore(config.storage);
  const images = createSharpProcessor();
  const provider = createFalProvider({
    key: config.fal.key ?? '',
    queueUrl: config.fal.queueUrl,
    models: [config.fal.model, ...config.fal.fallbackModels],
    profiles: config.fal.profiles,
    log: log.child({ component: 'fal' }),
    ...tuning.provider,
  });
  const scheduler = createScheduler({
    concurrency: config.providerConcurrency,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    ...(options.limiterId ? { limiterId: options.limiterId } : {}),
    clock,
    log: log.child({ component: 'scheduler' }),
  });
  const service = createGenerationService({
    catalogs,
    generations,
    prompts,
    provider,
    store,
    images,
    scheduler,
    clock,
    log: log.child({ component: 'generation' }),
    concurrency: config.providerConcurrency,
    policy,
    audit,
    moderation,
    promptFit,
    ...(tuning.generation ? { tuning: tuning.generation } : {}),
  });
  const admin = createAdminService({
    limits,
    bans,
    usage,
    defaults: config.limits,
    scheduler,
    provider,
    clock,
    log: log.child({ component: 'admin' }),
    audit,
  });
  const deletion = createDeletionService({
    generations,
    store,
    audit,
    clock,
    log: log.child({ component: 'deletion' }),
    countSharers: sharers,
  });
  return {
    config,
    catalogs,
    /** What prompts are fitted to (budget, token counter, LoRA mode). */
    promptFit,
    database,
    generations,
    store,
    provider,
    scheduler,
    service,
    usage,
    limits,
    audit,
    policy,
    moderation,
    /** Deleting results (tombstones) and purging a user's; adapters remove the chat messages onDeleted. */
    deletion,
    /** /atelier: workspace settings, bans, pause, stats and usage. */
    admin,
    /** Every refused request (metrics, alerts). */
    onRefusal(listener: (refusal: Refusal) => void) {
      refusalListeners.add(listener);
      return () => refusalListeners.delete(listener);
    },
    async close(timeoutMs = 10_000) {
      await service.stop(timeoutMs);
      await service.flushShown();
      provider.close();
      database.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;

export async function startBot(config: Config, log: Logger, options: CoreOptions = {}) {
  // A fixed port names this bot among replicas across its restarts (port 0 falls back to host:pid).
  const owner = config.http.port === 0 ? undefined : `${hostname()}:${config.http.host}:${config.http.port}`;
  const clock = options.clock ?? systemClock;
  const core = await createCore(config, log, { ...(owner ? { owner } : {}), ...options, clock });
  const web = createWebServer(log.child({ component: 'web' }));
  const metrics = createMetrics();
  const metricsText = observeCore(metrics, core);
  const gallery = registerGalleryRoutes(web, {
    service: core.service,
    catalogs: core.catalogs,
    secret: config.webLinkSecret,
    publicBaseUrl: config.publicBaseUrl,
    clock,
  });
  // The usage dashboard (/admin); answers 404 until DASHBOARD_TOKEN is set.
  registerAdminRoutes(web, {
    source: createDashboardRepository(core.database.db),
    token: config.admin.dashboardToken,
    publicBaseUrl: config.publicBaseUrl,
    log: log.child({ component: 'admin' }),
    clock,
  });

  // Replay protection: a signed request seen by any replica sharing REDIS_URL is not handled again.
  const seenRequests = config.redisUrl
    ? createRedisSeenKeys(config.redisUrl, log.child({ component: 'replay-guard' }))
    : createMemorySeenKeys();
  const deps: AdapterDeps = {
    config,
    service: core.service,
    catalogs: core.catalogs,
    deletion: core.deletion,
    store: core.store,
    web,
    log,
    countChatCall: (call) => metrics.chatCalls.inc(call),
    seenRequests,
    commandContext: (requester) => ({
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
    adapters.push(createDiscordAdapter(deps));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./platforms/slack/slack-adapter.js');
    adapters.push(createSlackAdapter(deps));
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
    clock,
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
    providerCheck(core.provider),
    ...adapters.map((a) => a.readiness()),
  ];
  registerHealthRoutes(web);
  if (core.store.driver === 'local') registerMediaRoute(web, core.store);
  // /metrics and the detailed /readyz are for operators only: their own listener, loopback by default.
  const ops = createWebServer(log.child({ component: 'ops' }));
  registerOpsRoutes(ops, {
    readiness: createReadiness(checks),
    metrics: metricsText,
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
