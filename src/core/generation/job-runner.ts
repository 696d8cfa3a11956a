import { runAfter } from '../clock.js';
import { UserError } from '../errors.js';
import { buildPrompt } from '../prompt/build-prompt.js';
import type { PromptFitOptions } from '../prompt/fit-prompt.js';
import { isTerminal, type JobUpdate, type StatusEvent, type StatusListener } from '../status.js';
import type { Generation, NewGeneration } from '../types.js';
import { createFinalShownLog, finalUpdateOf } from './final-shown.js';
import type { GenerationServiceDeps } from './generation-service.js';
import { resolveTuning } from './generation-tuning.js';
import { retryRecord } from './job-record.js';
import { createLeaseKeeper } from './lease-keeper.js';
import { JobParked, runJob } from './run-job.js';
import { WaitEstimator } from './wait-estimator.js';

/** A record's fit settings (its budget and LoRA mode) with this process's counter. */
const fitOf = (fit: PromptFitOptions | undefined, generation: Generation): PromptFitOptions | undefined => {
  if (fit === undefined || generation.promptFit === null) return fit;
  return { counter: fit.counter, budget: generation.promptFit.budget, lora: generation.promptFit.lora };
};

/** Owns the jobs this process is running: starting, position updates, events, shutdown. */
export function createJobRunner(deps: GenerationServiceDeps) {
  const listeners = new Set<StatusListener>();
  const waiting = new Map<string, { generation: Generation; position: number }>();
  const inflight = new Map<string, Promise<Generation | undefined>>();
  const terminalWaiters = new Map<string, Array<(g: Generation) => void>>();
  const estimator = new WaitEstimator(deps.concurrency);
  const abort = new AbortController();
  let accepting = true;
  let stopping: Promise<void> | undefined;
  let seeded = false;
  /** unrecorded: jobs whose outcome was reported but could not be written (resumed at the next start). */
  const counters = { started: 0, done: 0, failed: 0, blocked: 0, reused: 0, parked: 0, unrecorded: 0 };

  const shown = createFinalShownLog(deps);

  const publish = (event: StatusEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        deps.log.error({ err: error, jobId: event.generation.id }, 'status listener failed');
      }
    }
  };

  const emit = (generation: Generation, update: JobUpdate) => {
    if (update.kind !== 'queued') waiting.delete(generation.id);
    if (isTerminal(update)) {
      if (update.kind === 'done' || update.kind === 'failed' || update.kind === 'blocked')
        counters[update.kind]++;
      for (const resolve of terminalWaiters.get(generation.id) ?? []) resolve(generation);
      terminalWaiters.delete(generation.id);
    }
    publish({ generation, update, at: deps.clock.now() });
  };

  /** Finished jobs whose messages may not show the outcome (a crash came between): shown again. */
  async function replayUnshown(): Promise<void> {
    const jobs = await shown.unshown().catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not look for results whose messages may be out of date');
      return [];
    });
    let count = 0;
    for (const generation of jobs) {
      const update = finalUpdateOf(generation);
      if (!update || inflight.has(generation.id)) continue;
      count++;
      publish({ generation, update, at: deps.clock.now(), replayed: true });
    }
    if (count > 0) deps.log.info({ count }, 'showing finished jobs again in their messages');
  }

  // One pass over the waiting jobs per scheduler change: positions only move for jobs still waiting.
  deps.scheduler.onChange(() => {
    if (waiting.size === 0) return;
    const positions = deps.scheduler.positions();
    for (const [id, entry] of waiting) {
      const position = positions.get(id);
      if (position === undefined || position === entry.position) continue;
      entry.position = position;
      emit(entry.generation, { kind: 'queued', position, etaMs: estimator.etaMs(position) });
    }
  });

  /** Built as the record was: with its own budget and LoRA mode, whatever the model configured now. */
  const build = (generation: Generation) =>
    buildPrompt(
      deps.catalogs.get(generation.catalogId),
      {
        catalogId: generation.catalogId,
        options: generation.options,
        extra: generation.extra,
        aspect: generation.aspect,
      },
      fitOf(deps.promptFit, generation),
    );

  const promptFor = async (generation: Generation) => {
    const built = build(generation);
    // The hash covers the catalog's version, the parameters and the fit: a match is the very prompt the
    // request cached. Otherwise the catalog changed since (a restart onto a new version): use what was asked for.
    const cached =
      built.hash === generation.promptHash ? undefined : await deps.prompts.get(generation.promptHash);
    return {
      prompt: cached?.prompt ?? built.prompt,
      negativePrompt: cached?.negativePrompt ?? built.negativePrompt,
      width: built.width,
      height: built.height,
      ...(built.loras ? { loras: built.loras } : {}),
      ...(built.referenceImageUrls ? { referenceImageUrls: built.referenceImageUrls } : {}),
      ...(built.colors ? { colors: built.colors } : {}),
    };
  };

  const tuning = resolveTuning(deps.tuning);
  const jobDeps = {
    ...deps,
    estimator,
    emit,
    promptFor,
    tuning,
    onUnrecorded: () => {
      counters.unrecorded++;
    },
  };

  async function seedEstimator() {
    if (seeded) return;
    seeded = true;
    estimator.seed(await deps.generations.recentDurations(50).catch(() => []));
  }

  // Jobs a stopped or dead replica left behind are run here like resumed ones.
  const leases = createLeaseKeeper(deps.generations, deps.clock, deps.log, (jobs) => {
    for (const generation of jobs) if (accepting && !inflight.has(generation.id)) start(generation);
  });

  function start(generation: Generation): void {
    counters.started++;
    const run = (async () => {
      await seedEstimator();
      // Deferred a tick so the caller has the record before the first event arrives.
      await Promise.resolve();
      if (!generation.requestId) {
        const entry = { generation, position: 0 };
        waiting.set(generation.id, entry);
        const job = runJob(jobDeps, generation, abort.signal);
        const position = deps.scheduler.position(generation.id);
        if (position !== undefined && waiting.has(generation.id)) {
          entry.position = position;
          emit(generation, { kind: 'queued', position, etaMs: estimator.etaMs(position) });
        }
        return await job;
      }
      return await runJob(jobDeps, generation, abort.signal);
    })()
      .catch((error: unknown) => {
        waiting.delete(generation.id);
        if (error instanceof JobParked) {
          counters.parked++;
          return undefined;
        }
        deps.log.error({ err: error, jobId: generation.id }, 'job crashed');
        return undefined;
      })
      .finally(() => inflight.delete(generation.id));
    inflight.set(generation.id, run);
  }

  return {
    start,
    rebuild(generation: Generation) {
      try {
        return build(generation);
      } catch {
        return undefined;
      }
    },
    assertAccepting() {
      if (!accepting) throw new UserError('paused', 'Atelier is restarting. Please try again in a minute.');
    },
    async reuse(base: NewGeneration, previous: Generation): Promise<Generation> {
      const now = deps.clock.now();
      const records = { ...deps, policy: tuning.record, random: tuning.random };
      const created = await retryRecord(records, 'record job', () => deps.generations.create(base));
      const reused = await retryRecord(records, 'record reused image', () =>
        deps.generations.update(
          created.id,
          {
            status: 'done',
            statusDetail: `reused:${previous.id}`,
            imageKey: previous.imageKey,
            imageUrl: previous.imageUrl,
            thumbKey: previous.thumbKey,
            thumbUrl: previous.thumbUrl,
            width: previous.width,
            height: previous.height,
            bytes: previous.bytes,
            model: previous.model,
            finishedAt: now,
            costMicros: 0,
            updatedAt: now,
          },
          created,
        ),
      );
      counters.reused++;
      queueMicrotask(() => emit(reused, { kind: 'done', reused: true }));
      return reused;
    },
    /** A job's chat message now shows its final state (adapters call this after the edit went through). */
    finalShown: (generationId: string) => shown.mark(generationId),
    /** Writes the pending finalShown marks (at shutdown, before the database closes). */
    flushShown: () => shown.flush(),
    onStatus(listener: StatusListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async resume(): Promise<number> {
      const unfinished = await leases.claimAtStart();
      leases.start();
      // Jobs already at the provider first: they hold provider capacity and are closest to done.
      unfinished.sort(
        (a, b) => Number(Boolean(b.requestId)) - Number(Boolean(a.requestId)) || a.createdAt - b.createdAt,
      );
      for (const generation of unfinished) if (!inflight.has(generation.id)) start(generation);
      if (unfinished.length > 0) deps.log.info({ count: unfinished.length }, 'resumed unfinished jobs');
      await replayUnshown();
      return unfinished.length;
    },
    waitFor(generationId: string): Promise<Generation> {
      return new Promise((resolve, reject) => {
        const list = terminalWaiters.get(generationId) ?? [];
        list.push(resolve);
        terminalWaiters.set(generationId, list);
        // Already finished before anyone waited: answer from the record.
        void deps.generations.get(generationId).then((g) => {
          if (!g) reject(new UserError('not_found', `No generation ${generationId}.`));
          else if (g.status === 'done' || g.status === 'failed' || g.status === 'blocked') resolve(g);
        }, reject);
      });
    },
    stop(timeoutMs: number): Promise<void> {
      stopping ??= (async () => {
        accepting = false;
        leases.halt();
        const cancelTimer = runAfter(deps.clock, timeoutMs, () => abort.abort(new Error('shutting down')));
        try {
          await deps.scheduler.stop(timeoutMs);
          await Promise.allSettled([...inflight.values()]);
        } finally {
          cancelTimer();
        }
        await leases.release();
      })();
      return stopping;
    },
    stats: () => ({ ...counters, inflight: inflight.size, scheduler: deps.scheduler.counts() }),
  };
}
