import { ProviderError, StorageError, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Clock, ImageProvider, JobScheduler, ProviderJob, ProviderResult } from '../ports.js';
import { estimateCostMicros } from '../pricing.js';
import { type JobUpdate, referenceFor } from '../status.js';
import type { Generation, GenerationPatch, GenerationRepository } from '../types.js';
import { type StoreDeps, storeResult, withBackoff } from './store-result.js';
import type { WaitEstimator } from './wait-estimator.js';

export interface JobDeps extends StoreDeps {
  generations: GenerationRepository;
  provider: ImageProvider;
  scheduler: JobScheduler;
  clock: Clock;
  log: Logger;
  estimator: WaitEstimator;
  /** The prompt for a generation (from the prompt cache, rebuilt when missing). */
  promptFor(
    generation: Generation,
  ): Promise<{ prompt: string; negativePrompt: string; width: number; height: number }>;
  emit(generation: Generation, update: JobUpdate): void;
  /** How many times storing is tried before the job fails (storage outages delay, not lose, a job). */
  storeAttempts?: number;
}

/** The job was interrupted by shutdown: its record stays unfinished and the next start resumes it. */
export class JobParked extends Error {
  override readonly name = 'JobParked';
}

const isShutdown = (error: unknown, signal: AbortSignal) =>
  signal.aborted || (error instanceof Error && error.name === 'SchedulerStoppedError');

/**
 * Takes one generation from wherever its record says it is to done/failed/blocked. Safe to run again
 * after a crash: a persisted request id is followed, never submitted again, and object keys derive from
 * the generation id.
 */
export async function runJob(deps: JobDeps, initial: Generation, signal: AbortSignal): Promise<Generation> {
  let current = initial;
  const log = deps.log.child({ jobId: current.id });
  const save = async (patch: GenerationPatch) => {
    current = await deps.generations.update(current.id, { ...patch, updatedAt: deps.clock.now() });
    return current;
  };

  try {
    const result = await deps.scheduler.schedule({ id: current.id, userId: current.userId }, async () => {
      let job: ProviderJob;
      if (current.requestId) {
        job = { requestId: current.requestId, model: current.model };
        log.info({ requestId: job.requestId }, 'resuming provider job');
      } else {
        const input = await deps.promptFor(current);
        job = await deps.provider.submit({ ...input, seed: current.seed, model: current.model }, signal);
        // Persisted before anyone hears "submitted": a restart follows this id instead of paying twice.
        await save({
          status: 'submitted',
          requestId: job.requestId,
          model: job.model,
          submittedAt: deps.clock.now(),
          attempts: current.attempts + 1,
        });
        deps.emit(current, { kind: 'submitted', providerPosition: null });
      }
      return follow(deps, job, () => current, save, signal);
    });
    return await finish(deps, result, () => current, save, signal, log);
  } catch (error) {
    if (isShutdown(error, signal)) throw new JobParked('parked for restart', { cause: error });
    return fail(deps, current, save, error, log);
  }
}

async function follow(
  deps: JobDeps,
  job: ProviderJob,
  current: () => Generation,
  save: (patch: GenerationPatch) => Promise<Generation>,
  signal: AbortSignal,
): Promise<{ job: ProviderJob; result: ProviderResult }> {
  let chain: Promise<unknown> = Promise.resolve();
  let started = current().status === 'generating';
  const result = await deps.provider.wait(
    job,
    (update) => {
      if (update.state === 'IN_QUEUE') {
        deps.emit(current(), { kind: 'submitted', providerPosition: update.position });
      } else if (update.state === 'IN_PROGRESS') {
        if (!started) {
          started = true;
          chain = chain.then(() => save({ status: 'generating', startedAt: deps.clock.now() }));
        }
        chain = chain.then(() =>
          deps.emit(current(), { kind: 'generating', progress: update.progress ?? null }),
        );
      }
    },
    signal,
  );
  await chain;
  return { job, result };
}

async function finish(
  deps: JobDeps,
  { job, result }: { job: ProviderJob; result: ProviderResult },
  current: () => Generation,
  save: (patch: GenerationPatch) => Promise<Generation>,
  signal: AbortSignal,
  log: Logger,
): Promise<Generation> {
  const safeIndex = result.images.findIndex((_, i) => !result.nsfw[i]);
  if (result.images.length === 0)
    throw new ProviderError('retryable', 'The image service returned no image.');
  const submittedAt = current().submittedAt;
  if (submittedAt) deps.estimator.record(deps.clock.now() - submittedAt);
  if (safeIndex === -1) {
    const message =
      'The safety filter flagged this image, so it was not posted. Try different options or wording.';
    const blocked = await save({
      status: 'blocked',
      statusDetail: 'nsfw',
      errorMessage: message,
      finishedAt: deps.clock.now(),
      costMicros: estimateCostMicros(job.model, current().width ?? 1024, current().height ?? 1024),
    });
    deps.emit(blocked, { kind: 'blocked', message });
    return blocked;
  }

  await save({ status: 'storing', seed: result.seed || current().seed });
  deps.emit(current(), { kind: 'storing' });
  let image = result.images[safeIndex]!;
  const stored = await withBackoff(
    deps.clock,
    deps.storeAttempts ?? 12,
    async () => {
      try {
        return await storeResult(deps, current(), image, signal);
      } catch (error) {
        // Provider media URLs expire: ask for the result again to get fresh ones.
        if (error instanceof ProviderError && error.info.code === 'media_expired') {
          const again = await deps.provider.wait(job, () => {}, signal);
          image = again.images[safeIndex] ?? image;
        }
        throw error;
      }
    },
    {
      baseMs: 1_000,
      capMs: 60_000,
      signal,
      retryIf: (e) =>
        e instanceof StorageError || (e instanceof ProviderError && e.errorClass === 'retryable'),
      onRetry: (e, attempt) => log.warn({ err: e, attempt }, 'storing the image failed; retrying'),
    },
  );
  const done = await save({
    status: 'done',
    statusDetail: null,
    ...stored,
    finishedAt: deps.clock.now(),
    costMicros: estimateCostMicros(job.model, stored.width, stored.height),
  });
  deps.emit(done, { kind: 'done', reused: false });
  return done;
}

async function fail(
  deps: JobDeps,
  current: Generation,
  save: (patch: GenerationPatch) => Promise<Generation>,
  error: unknown,
  log: Logger,
): Promise<Generation> {
  const reference = referenceFor(current.id);
  let update: Extract<JobUpdate, { kind: 'failed' }>;
  if (error instanceof UserError) {
    update = { kind: 'failed', errorClass: 'user', message: error.message, retryable: false, reference };
  } else if (error instanceof ProviderError && error.errorClass === 'user') {
    update = { kind: 'failed', errorClass: 'user', message: error.message, retryable: false, reference };
  } else if (error instanceof ProviderError && error.errorClass === 'retryable') {
    update = {
      kind: 'failed',
      errorClass: 'retryable',
      message:
        'The image service is busy or unreachable right now. Nothing was charged twice; please try again in a minute.',
      retryable: true,
      reference,
    };
  } else if (error instanceof StorageError) {
    update = {
      kind: 'failed',
      errorClass: 'retryable',
      message: 'The image was made but could not be saved. Please try again in a few minutes.',
      retryable: true,
      reference,
    };
  } else {
    update = {
      kind: 'failed',
      errorClass: 'fatal',
      message: `Something went wrong on our side and the team can see it in the logs (reference ${reference}).`,
      retryable: false,
      reference,
    };
  }
  log.error({ err: error, errorClass: update.errorClass, reference }, 'generation failed');
  const failed = await save({
    status: 'failed',
    errorClass: update.errorClass,
    errorMessage: update.message.slice(0, 300),
    statusDetail: error instanceof Error ? error.name : 'unknown',
    finishedAt: deps.clock.now(),
  });
  deps.emit(failed, update);
  return failed;
}
