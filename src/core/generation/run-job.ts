import { ProviderError, SchedulerStoppedError, StorageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Moderator } from '../moderation/moderation-types.js';
import type { Clock, ImageProvider, JobScheduler, ProviderJob, ProviderResult } from '../ports.js';
import { estimateCostMicros } from '../pricing.js';
import { withRetry } from '../retry.js';
import { type JobUpdate, referenceFor } from '../status.js';
import type { Generation, GenerationRepository } from '../types.js';
import { BLOCKED_MESSAGE, failureUpdate } from './failure-update.js';
import type { ResolvedTuning } from './generation-tuning.js';
import { JobRecord, type RecordDeps, retryRecord } from './job-record.js';
import { type StoreDeps, storeResult } from './store-result.js';
import type { WaitEstimator } from './wait-estimator.js';

export interface JobDeps extends StoreDeps {
  generations: GenerationRepository;
  provider: ImageProvider;
  scheduler: JobScheduler;
  clock: Clock;
  log: Logger;
  estimator: WaitEstimator;
  tuning: ResolvedTuning;
  /** The prompt for a generation (from the prompt cache, rebuilt when missing). */
  promptFor(
    generation: Generation,
  ): Promise<{ prompt: string; negativePrompt: string; width: number; height: number }>;
  emit(generation: Generation, update: JobUpdate): void;
  /** Told when a job's outcome could not be written: its row stays unfinished for the next resume. */
  onUnrecorded?(generation: Generation): void;
  /** Records what became of images the provider flagged (posted where allowed, else withheld). */
  moderation?: Pick<Moderator, 'flaggedImage'>;
}

/** The job was interrupted by shutdown: its record stays unfinished and the next start resumes it. */
export class JobParked extends Error {
  override readonly name = 'JobParked';
}

const isShutdown = (error: unknown, signal: AbortSignal) =>
  signal.aborted || error instanceof SchedulerStoppedError;

/**
 * Takes one generation from wherever its record says it is to done/failed/blocked. Safe to run again
 * after a crash: a persisted request id is followed, never submitted again, and object keys derive from
 * the generation id. Database trouble delays a job; a job whose outcome cannot be written is still
 * reported (the person sees it) and stays unfinished in the database, so the next resume completes it.
 */
export async function runJob(deps: JobDeps, initial: Generation, signal: AbortSignal): Promise<Generation> {
  const log = deps.log.child({ jobId: initial.id });
  const recordDeps: RecordDeps = {
    generations: deps.generations,
    clock: deps.clock,
    log,
    policy: deps.tuning.record,
    random: deps.tuning.random,
  };
  const record = new JobRecord(recordDeps, initial);
  let outcome: Generation;
  try {
    const result = await deps.scheduler.schedule({ id: initial.id, userId: initial.userId }, async () => {
      let job: ProviderJob;
      const current = record.current;
      if (current.requestId) {
        job = { requestId: current.requestId, model: current.model };
        log.info({ requestId: job.requestId }, 'resuming provider job');
      } else {
        const input = await retryRecord(recordDeps, 'read prompt', () => deps.promptFor(current), signal);
        // fal has no idempotency key: a process that died between fal's accept and the write below left
        // an attempt without a request id. Submitting again is the only way on; say so (it may cost twice).
        if (current.attempts > 0)
          log.warn(
            { attempts: current.attempts },
            'fal may already have this job (a previous run stopped during its submit); submitting again',
          );
        await record.save({ attempts: current.attempts + 1 }, signal);
        job = await deps.provider.submit(
          {
            ...input,
            seed: current.seed,
            model: current.model,
            // Where flagged images may be posted, the checker must not black them out (see toFalInput).
            ...(current.nsfwAllowed ? { safetyChecker: false } : {}),
          },
          signal,
        );
        // Persisted before anyone hears "submitted": a restart follows this id instead of paying twice.
        // Not cut short by shutdown: losing the id is what would make a restart pay twice.
        await record.save({
          status: 'submitted',
          requestId: job.requestId,
          model: job.model,
          submittedAt: deps.clock.now(),
        });
        deps.emit(record.current, { kind: 'submitted', providerPosition: null });
      }
      return follow(deps, job, record, signal, log);
    });
    outcome = await finish(deps, result, record, signal, log);
  } catch (error) {
    if (isShutdown(error, signal)) throw new JobParked('parked for restart', { cause: error });
    outcome = await fail(deps, record, error, log);
  }
  if (record.behind) {
    log.error(
      { status: outcome.status },
      'the outcome of this job could not be recorded; it stays unfinished and is resumed at the next start',
    );
    deps.onUnrecorded?.(outcome);
  }
  return outcome;
}

async function follow(
  deps: JobDeps,
  job: ProviderJob,
  record: JobRecord,
  signal: AbortSignal,
  log: Logger,
): Promise<{ job: ProviderJob; result: ProviderResult }> {
  let chain: Promise<unknown> = Promise.resolve();
  const then = (step: () => unknown) => {
    // A failed step must not become an unhandled rejection; shutdown reaches wait() anyway.
    chain = chain.then(step).catch((error: unknown) => log.warn({ err: error }, 'status update failed'));
  };
  let started = record.current.status === 'generating';
  const result = await deps.provider.wait(
    job,
    (update) => {
      if (update.state === 'IN_QUEUE') {
        then(() => deps.emit(record.current, { kind: 'submitted', providerPosition: update.position }));
      } else if (update.state === 'IN_PROGRESS') {
        if (!started) {
          started = true;
          then(() => record.save({ status: 'generating', startedAt: deps.clock.now() }, signal));
        }
        then(() => deps.emit(record.current, { kind: 'generating', progress: update.progress ?? null }));
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
  record: JobRecord,
  signal: AbortSignal,
  log: Logger,
): Promise<Generation> {
  const flagged = result.images.length > 0 && result.images.every((_, i) => result.nsfw[i]);
  // Every image flagged: posted only when the job was requested where NSFW_POLICY allows it.
  const safeIndex =
    flagged && record.current.nsfwAllowed ? 0 : result.images.findIndex((_, i) => !result.nsfw[i]);
  if (result.images.length === 0)
    throw new ProviderError('retryable', 'The image service returned no image.');
  const submittedAt = record.current.submittedAt;
  if (submittedAt) deps.estimator.record(deps.clock.now() - submittedAt);
  if (safeIndex === -1) {
    const message = BLOCKED_MESSAGE;
    await record.save(
      {
        status: 'blocked',
        statusDetail: 'nsfw',
        errorMessage: message,
        finishedAt: deps.clock.now(),
        costMicros: estimateCostMicros(
          job.model,
          record.current.width ?? 1024,
          record.current.height ?? 1024,
        ),
      },
      signal,
    );
    await deps.moderation?.flaggedImage(record.current, false);
    deps.emit(record.current, { kind: 'blocked', message });
    return record.current;
  }

  await record.save({ status: 'storing', seed: result.seed ?? record.current.seed }, signal);
  deps.emit(record.current, { kind: 'storing' });
  let image = result.images[safeIndex]!;
  const policy = deps.tuning.store;
  const stored = await withRetry(
    async (attempt) => {
      try {
        return await storeResult(deps, record.current, image, signal);
      } catch (error) {
        // Provider media URLs expire: ask for the result again to get fresh ones (unless this was the last try).
        if (
          error instanceof ProviderError &&
          error.info.code === 'media_expired' &&
          attempt < policy.attempts
        ) {
          const again = await deps.provider.wait(job, () => {}, signal);
          image = again.images[safeIndex] ?? image;
        }
        throw error;
      }
    },
    policy,
    {
      clock: deps.clock,
      random: deps.tuning.random,
      signal,
      retryIf: (e) =>
        e instanceof StorageError || (e instanceof ProviderError && e.errorClass === 'retryable'),
      onRetry: ({ error, attempt }) =>
        log.warn({ err: error, attempt }, 'storing the image failed; retrying'),
    },
  );
  await record.save(
    {
      status: 'done',
      // 'nsfw': the provider flagged it and it was posted where allowed (renderers may hide it behind a spoiler).
      statusDetail: flagged ? 'nsfw' : null,
      ...stored,
      finishedAt: deps.clock.now(),
      costMicros: estimateCostMicros(job.model, stored.width, stored.height),
    },
    signal,
  );
  if (flagged) await deps.moderation?.flaggedImage(record.current, true);
  deps.emit(record.current, { kind: 'done', reused: false });
  return record.current;
}

async function fail(deps: JobDeps, record: JobRecord, error: unknown, log: Logger): Promise<Generation> {
  const reference = referenceFor(record.current.id);
  const update = failureUpdate(error, reference);
  log.error({ err: error, errorClass: update.errorClass, reference }, 'generation failed');
  await record.save({
    status: 'failed',
    errorClass: update.errorClass,
    errorMessage: update.message.slice(0, 300),
    statusDetail: error instanceof Error ? error.name : 'unknown',
    finishedAt: deps.clock.now(),
  });
  deps.emit(record.current, update);
  return record.current;
}
