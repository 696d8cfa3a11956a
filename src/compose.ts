/**
 * Wires configuration → infra → core. Used by src/main.ts (the bot) and the CLI, so both run the same
 * pipeline; chat adapters and the web server are added by main.ts on top.
 */
import { hostname } from 'node:os';
import { blocklistEntryProblem, type Config, ConfigError } from './config.js';
import { createAdminService } from './core/admin/admin-service.js';
import { loadCatalogs } from './core/catalog/load-catalogs.js';
import { systemClock } from './core/clock.js';
import { createDeletionService } from './core/deletion/create-deletion-service.js';
import { createGenerationService } from './core/generation/generation-service.js';
import type { GenerationTuning } from './core/generation/generation-tuning.js';
import { modelChainProblems, promptBudgetsFor } from './core/generation/model-chain.js';
import type { Logger } from './core/logger.js';
import { readBlocklistFile } from './core/moderation/blocklist-file.js';
import { createModerator } from './core/moderation/create-moderator.js';
import { createPolicy } from './core/policy/create-policy.js';
import type { Refusal } from './core/policy/policy-types.js';
import type { Clock } from './core/ports.js';
import { assertCatalogsFit } from './core/prompt/check-budget.js';
import type { PromptBudget } from './core/prompt/prompt-budget.js';
import { createAuditRepository } from './infra/db/audit-repository.js';
import { createBanRepository } from './infra/db/ban-repository.js';
import { openDatabase } from './infra/db/database.js';
import { createGenerationRepository } from './infra/db/generation-repository.js';
import { createImageSharers } from './infra/db/image-sharers.js';
import { DEFAULT_LEASE_TTL_MS } from './infra/db/job-leases.js';
import { createPromptCacheRepository } from './infra/db/prompt-cache-repository.js';
import { createQuotaSettingsRepository } from './infra/db/quota-settings-repository.js';
import { createUsageRepository } from './infra/db/usage-repository.js';
import { createFalProvider, type FalProviderOptions } from './infra/fal/fal-provider.js';
import { createScheduler } from './infra/limiter/create-scheduler.js';
import { createObjectStore } from './infra/storage/create-store.js';
import { createSharpProcessor } from './infra/storage/sharp-processor.js';
import { createT5TokenCounter } from './infra/tokenizer/t5-token-counter.js';

export interface CoreOptions {
  clock?: Clock;
  /** Scheduler id in Redis; processes sharing it share the provider limit. */
  limiterId?: string;
  /** Timings and retry budgets; production uses the defaults, tests and benchmarks shorten them. */
  tuning?: CoreTuning;
  /**
   * Who this process is among processes sharing the database (job leases): stable across its restarts,
   * so a restart resumes its own jobs at once. Default host:pid (the bot passes host and HTTP port).
   */
  owner?: string;
  /**
   * What the model reads of a prompt (the strictest of FAL_MODEL and its fallbacks); prompts are fitted
   * to it and every catalog must fit it at start-up. Default: FLUX schnell's 256 T5 tokens.
   */
  promptBudget?: PromptBudget;
  /** The model takes LoRAs: a catalog's LoRA trigger word then stands for its character description. */
  modelTakesLoras?: boolean;
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
  const blocklistFile = config.moderation.blocklistFile
    ? await readBlocklistFile(config.moderation.blocklistFile, blocklistEntryProblem)
    : { entries: [], problems: [] };
  if (blocklistFile.problems.length > 0)
    throw new ConfigError(blocklistFile.problems.map((p) => `MODERATION_BLOCKLIST_FILE: ${p}`));
  const catalogs = await loadCatalogs();
  // Every request is text to image; none carries a reference image until catalogs have one (issue 15,
  // brand assets). A model that requires one (Kontext edits) cannot serve them, as primary or fallback.
  const chainProblems = modelChainProblems(config.fal.profiles, { referenceImage: false });
  if (chainProblems.length > 0) throw new ConfigError(chainProblems);
  const promptFit = {
    budget: options.promptBudget ?? promptBudgetsFor(config.fal.profiles)[0]!,
    counter: createT5TokenCounter(),
    // The trigger word stands for the character only when every model of the chain applies the LoRA.
    lora: options.modelTakesLoras ?? config.fal.profiles.every((p) => p.takes.loras),
  };
  checkCatalogsFit(catalogs.list(), promptFit, log);
  const database = await openDatabase({
    url: config.database.url,
    ...(config.database.authToken ? { authToken: config.database.authToken } : {}),
    ...(tuning.database?.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: tuning.database.busyTimeoutMs }),
    log,
  });
  const generations = createGenerationRepository(database.db, clock, {
    lease: { owner: options.owner ?? `${hostname()}:${process.pid}`, ttlMs: DEFAULT_LEASE_TTL_MS },
  });
  const prompts = createPromptCacheRepository(database.db, clock);
  const usage = createUsageRepository(database.db);
  const limits = createQuotaSettingsRepository(database.db, clock);
  const audit = createAuditRepository(database.db, clock);
  const bans = createBanRepository(database.db, clock);
  const moderation = createModerator({
    blocklist: [...config.moderation.blocklist, ...blocklistFile.entries],
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
    countSharers: createImageSharers(database.db),
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
    /** Blocklist and NSFW policy; `moderation.onDecision` feeds metrics. */
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

/**
 * Refuses to start with a catalog that cannot fit the model, naming the combination; logs what the check
 * cost (the tokenizer's first read, then the walk over every catalog's combinations).
 */
function checkCatalogsFit(
  catalogs: Parameters<typeof assertCatalogsFit>[0],
  fit: { budget: PromptBudget; counter: ReturnType<typeof createT5TokenCounter>; lora: boolean },
  log: Logger,
): void {
  const loadMs = fit.budget.unit === 't5-tokens' ? fit.counter.load() : 0;
  const started = performance.now();
  const worstCase = assertCatalogsFit(catalogs, fit.budget, fit.counter, fit.lora);
  log.info(
    {
      budget: fit.budget,
      worstCase,
      tokenizerLoadMs: Math.round(loadMs),
      checkMs: Math.round(performance.now() - started),
    },
    'every catalog combination fits the model prompt budget',
  );
}

export type Core = Awaited<ReturnType<typeof createCore>>;
