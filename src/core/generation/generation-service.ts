import { randomInt } from 'node:crypto';
import { auditJobs, auditRefusal } from '../audit/audit-jobs.js';
import { type AuditRecorder, createAuditRecorder } from '../audit/audit-recorder.js';
import type { AuditRepository } from '../audit/audit-types.js';
import type { CatalogRegistry } from '../catalog/load-catalogs.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Moderator } from '../moderation/moderation-types.js';
import { createKeyedLock } from '../policy/keyed-lock.js';
import type { GenerationPolicy, QuotaStatus } from '../policy/policy-types.js';
import type { Clock, ImageProcessor, ImageProvider, JobScheduler, ObjectStore } from '../ports.js';
import { estimateCostMicros } from '../pricing.js';
import { buildPrompt } from '../prompt/build-prompt.js';
import type { PromptFitOptions } from '../prompt/fit-prompt.js';
import { buildSequence } from '../prompt/sequence.js';
import type { StatusListener } from '../status.js';
import type {
  BuiltPrompt,
  Generation,
  GenerationParams,
  GenerationRepository,
  HistoryQuery,
  Page,
  PromptCacheRepository,
  PromptFit,
  RecordedFit,
  Requester,
} from '../types.js';
import { type GenerationTuning, resolveTuning } from './generation-tuning.js';
import { type RecordDeps, retryRecord } from './job-record.js';
import { createJobRunner } from './job-runner.js';
import { checkSeed, MAX_SEED, sanitizeParams } from './sanitize-request.js';

export interface GenerationServiceDeps {
  catalogs: CatalogRegistry;
  generations: GenerationRepository;
  prompts: PromptCacheRepository;
  provider: ImageProvider;
  store: ObjectStore;
  images: ImageProcessor;
  scheduler: JobScheduler;
  clock: Clock;
  log: Logger;
  concurrency: number;
  /** Retry budgets (storage, database); tests shorten them. */
  tuning?: GenerationTuning;
  /** Quotas and budgets, checked before a job is recorded; a refusal throws UserError. */
  policy?: GenerationPolicy;
  /** Who did what; a failed audit write is logged and never fails the job. */
  audit?: AuditRepository;
  /** Operator blocklist on free text (checked before the policy) and the NSFW policy for new jobs. */
  moderation?: Moderator;
  /**
   * Fits every prompt to what the model reads (its budget, the token counter, LoRA mode). Without it
   * prompts are built whole, as for a model that reads everything.
   */
  promptFit?: PromptFitOptions;
}

export interface GenerationRequest {
  requester: Requester;
  params: GenerationParams;
  seed?: number;
  parentId?: string;
  sequenceId?: string;
  isExample?: boolean;
}

export type GenerationService = ReturnType<typeof createGenerationService>;

const randomSeed = () => randomInt(0, MAX_SEED);

/** Repeated re-roll requests on one result within this window start a single re-roll. */
const REROLL_WINDOW_MS = 10_000;

type Action = 'generate' | 'reroll' | 'sequence';

/** The one entry point every front-end and the CLI use to make images. */
export function createGenerationService(deps: GenerationServiceDeps) {
  const runner = createJobRunner(deps);
  const recentRerolls = new Map<string, { at: number; generation: Generation }>();
  const tuning = resolveTuning(deps.tuning);
  const records: RecordDeps = {
    generations: deps.generations,
    clock: deps.clock,
    log: deps.log,
    policy: tuning.record,
    random: tuning.random,
  };
  const audit: AuditRecorder = createAuditRecorder(deps.audit, deps.log);
  const lock = createKeyedLock();
  /** Per workspace: the policy counts the workspace's jobs as well as the user's. */
  const admission = <T>(requester: Requester, section: () => Promise<T>): Promise<T> =>
    deps.policy ? lock(`${requester.platform}:${requester.workspaceId}`, section) : section();

  /** Runs the policy check; a refusal is audited, then reaches the caller unchanged. */
  async function guard(request: GenerationRequest, action: Action, costMicros: number, jobs = 1) {
    if (!deps.policy) return;
    try {
      await deps.policy.check(request.requester, costMicros, jobs);
    } catch (error) {
      if (error instanceof UserError)
        await auditRefusal(audit, request.requester, action, error.code, error.message);
      throw error;
    }
  }

  const validate = (params: GenerationParams): BuiltPrompt => {
    const clean = sanitizeParams(params);
    return buildPrompt(deps.catalogs.get(clean.catalogId), clean, deps.promptFit);
  };

  async function create(
    request: GenerationRequest,
    built: BuiltPrompt,
    seed: number,
    /** The action to check against the policy; undefined when the caller already checked. */
    check?: Action,
  ): Promise<Generation> {
    runner.assertAccepting();
    // The operator's blocklist, before anything is read, recorded or spent (a re-roll is checked again:
    // the list may have changed since the original).
    if (check)
      await deps.moderation?.checkText(request.requester, built.extra, {
        action: check,
        model: deps.provider.models[0]!,
      });
    const prompt = {
      hash: built.hash,
      catalogId: built.catalogId,
      prompt: built.prompt,
      negativePrompt: built.negativePrompt,
      params: JSON.stringify({ options: built.options, extra: built.extra, aspect: built.aspect }),
    };
    const { requester } = request;
    const base = {
      platform: requester.platform,
      workspaceId: requester.workspaceId,
      channelId: requester.channelId,
      userId: requester.userId,
      ...(requester.messageId ? { messageId: requester.messageId } : {}),
      ...(requester.replyRef ? { replyRef: requester.replyRef } : {}),
      ...(request.parentId ? { parentId: request.parentId } : {}),
      ...(request.sequenceId ? { sequenceId: request.sequenceId } : {}),
      ...(request.isExample ? { isExample: true } : {}),
      catalogId: built.catalogId,
      options: built.options,
      extra: built.extra,
      aspect: built.aspect,
      promptHash: built.hash,
      seed,
      model: deps.provider.models[0]!,
      width: built.width,
      height: built.height,
      ...(built.fit ? { promptTokens: built.fit.used, promptFit: recordedFit(built.fit) } : {}),
      ...(deps.moderation?.nsfwAllowed(requester) ? { nsfwAllowed: true } : {}),
    };
    // Same prompt, model and explicit seed: the stored image is the answer; do not pay twice.
    const previous =
      request.seed === undefined
        ? undefined
        : await retryRecord(records, 'find reusable', () =>
            deps.generations.findReusable(built.hash, base.model, seed),
          ).then((found) => reusableHere(found, base.nsfwAllowed === true));
    const admit = async () => {
      // Before anything is recorded: a refused request leaves no trace but its audit entry.
      if (check)
        await guard(request, check, previous ? 0 : estimateCostMicros(base.model, base.width, base.height));
      await retryRecord(records, 'cache prompt', () => deps.prompts.put(prompt));
      if (previous) return { reused: await runner.reuse(base, previous) };
      // One insert: a busy database either records the whole job or nothing (and the caller hears why).
      return { created: await retryRecord(records, 'record job', () => deps.generations.create(base)) };
    };
    // Checked and recorded under the workspace's lock, so simultaneous requests cannot overrun a quota.
    const admitted = check ? await admission(requester, admit) : await admit();
    if (admitted.reused) return admitted.reused;
    runner.start(admitted.created);
    return admitted.created;
  }

  return {
    /** Validates (throws UserError), records the job as queued and starts it. Status arrives as events. */
    async request(request: GenerationRequest): Promise<Generation> {
      const built = validate(request.params);
      const seed = checkSeed(request.seed);
      const { seed: _given, ...rest } = request;
      const generation = await create(
        seed === undefined ? rest : { ...rest, seed },
        built,
        seed ?? randomSeed(),
        'generate',
      );
      await auditJobs(audit, 'generate', request.requester, [generation]);
      return generation;
    },

    /** Same parameters, new seed, linked to the original. Only the original requester may re-roll. */
    async reroll(generationId: string, requester: Requester): Promise<Generation> {
      const parent = await deps.generations.get(generationId);
      if (!parent) throw new UserError('not_found', 'That image is no longer in the history.');
      if (parent.userId !== requester.userId || parent.platform !== requester.platform)
        throw new UserError('forbidden', 'Only the person who made this image can re-roll it.');
      const key = `${parent.id}:${requester.userId}`;
      const recent = recentRerolls.get(key);
      if (recent && deps.clock.now() - recent.at < REROLL_WINDOW_MS) return recent.generation;
      const params: GenerationParams = {
        catalogId: parent.catalogId,
        options: parent.options,
        extra: parent.extra,
        aspect: parent.aspect,
      };
      const built = validate(params);
      let seed = randomSeed();
      if (seed === parent.seed) seed = (seed + 1) % MAX_SEED;
      const placeholder = { at: deps.clock.now(), generation: parent };
      recentRerolls.set(key, placeholder);
      try {
        const generation = await create({ requester, params, parentId: parent.id }, built, seed, 'reroll');
        recentRerolls.set(key, { at: placeholder.at, generation });
        await auditJobs(audit, 'reroll', requester, [generation]);
        pruneRerolls(recentRerolls, deps.clock.now(), REROLL_WINDOW_MS);
        return generation;
      } catch (error) {
        recentRerolls.delete(key);
        throw error;
      }
    },

    /** Every frame of the catalog's onboarding sequence, sharing the character params and one seed. */
    async sequence(requester: Requester, params: GenerationParams, seed?: number): Promise<Generation[]> {
      const clean = sanitizeParams(params);
      const frames = buildSequence(deps.catalogs.get(clean.catalogId), clean, deps.promptFit);
      const sharedSeed = checkSeed(seed) ?? randomSeed();
      const sequenceId = crypto.randomUUID();
      const model = deps.provider.models[0]!;
      // One check for the whole run: a sequence is refused whole, never cut off half way.
      const cost = frames.reduce((sum, f) => sum + estimateCostMicros(model, f.width, f.height), 0);
      await deps.moderation?.checkText(requester, frames[0]?.extra ?? '', { action: 'sequence', model });
      const out: Generation[] = [];
      await admission(requester, async () => {
        await guard({ requester, params: clean }, 'sequence', cost, frames.length);
        for (const built of frames)
          out.push(await create({ requester, params: clean, sequenceId }, built, sharedSeed));
      });
      await auditJobs(audit, 'sequence', requester, out);
      return out;
    },

    /** Records which chat message shows a job (needed to find it again from a reaction). */
    async attachMessage(generationId: string, messageId: string, replyRef?: string): Promise<void> {
      await retryRecord(records, 'attach message', () =>
        deps.generations.patch(generationId, {
          messageId,
          ...(replyRef !== undefined ? { replyRef } : {}),
          updatedAt: deps.clock.now(),
        }),
      );
    },

    validate,
    /** The record's prompt as built today, fitted as it was (undefined when its catalog no longer builds it). */
    rebuildPrompt: (generation: Generation): BuiltPrompt | undefined => runner.rebuild(generation),
    onStatus: (listener: StatusListener) => runner.onStatus(listener),
    /** The chat message of this finished job shows its outcome (see final-shown.ts). */
    finalShown: (generationId: string) => runner.finalShown(generationId),
    flushShown: () => runner.flushShown(),
    get: (id: string) => deps.generations.get(id),
    findByMessage: (platform: Requester['platform'], messageId: string) =>
      deps.generations.findByMessage(platform, messageId),
    history: (query: HistoryQuery): Promise<Page<Generation>> => deps.generations.history(query),
    examples: (catalogId: string) => {
      const catalog = deps.catalogs.get(catalogId);
      return deps.generations.examples(catalog.id, catalog.styleDimension);
    },
    /** Picks up every unfinished job from the database (after a restart). */
    resume: () => runner.resume(),
    /** Resolves when the job reaches a terminal state (for the CLI and tests). */
    waitFor: (generationId: string) => runner.waitFor(generationId),
    /** Stops taking work; running jobs finish or are parked for the next start within timeoutMs. */
    stop: (timeoutMs: number) => runner.stop(timeoutMs),
    stats: () => runner.stats(),
    /** What the requester has left (undefined when no policy is configured). */
    quota: (requester: Requester): Promise<QuotaStatus | undefined> =>
      deps.policy?.status ? deps.policy.status(requester) : Promise.resolve(undefined),
  };
}

const recordedFit = ({ used: _used, ...fit }: PromptFit): RecordedFit => fit;

/** An image made where NSFW images may be posted is reused only where they may be posted too. */
const reusableHere = (found: Generation | undefined, nsfwAllowed: boolean) =>
  found?.nsfwAllowed && !nsfwAllowed ? undefined : found;

function pruneRerolls(map: Map<string, { at: number }>, now: number, windowMs: number) {
  if (map.size < 1000) return;
  for (const [key, value] of map) if (now - value.at >= windowMs) map.delete(key);
}
