import type { FalClient, QueueStatus } from '@fal-ai/client';
import { ProviderError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Clock, ProviderJob, ProviderResult, ProviderUpdate } from '../../core/ports.js';
import { type RetryPolicy, withRetry } from '../../core/retry.js';
import { classifyFalError } from './classify-error.js';
import { withTimeout } from './fal-client.js';
import { toProviderResult } from './fal-output.js';
import { parseProgress } from './parse-progress.js';
import { watchStatus } from './watch-status.js';

/** Longest one status stream stays open before it is reopened. */
const STREAM_MAX_MS = 30_000;

export interface FollowSettings {
  /** Give up on a job after this long (retryable error; the job is cancelled at fal). */
  waitMs: number;
  /** Pause before asking again after a failed check (and between polls when not streaming). */
  pollIntervalMs: number;
  /**
   * Follow status changes over fal's status stream (default) rather than polling: a finished job frees its
   * provider slot at once, not up to a poll interval later, and costs one request instead of one per poll.
   */
  streamStatus?: boolean;
  /** Timeout of each status/result request. */
  requestMs: number;
  /** Fetching the result after COMPLETED (fal may answer 5xx for a moment). */
  resultRetry: RetryPolicy;
}

export interface FollowDeps {
  client: FalClient;
  clock: Clock;
  log: Logger;
  random: () => number;
  settings: FollowSettings;
}

function toUpdate(status: QueueStatus): ProviderUpdate {
  if (status.status === 'IN_QUEUE') return { state: 'IN_QUEUE', position: status.queue_position ?? 0 };
  if (status.status === 'IN_PROGRESS') {
    const progress = parseProgress(status.logs);
    return progress === undefined ? { state: 'IN_PROGRESS' } : { state: 'IN_PROGRESS', progress };
  }
  return { state: 'COMPLETED' };
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('aborted', 'AbortError');
}

/**
 * Follows a job's status until COMPLETED, reporting changes, then fetches its result. Needs only the
 * request id and model, so it also resumes a job submitted by a previous process. Status comes from the
 * stream; after a stream failure one plain status request tells what is wrong (404, 401, 5xx), then the
 * stream is tried again.
 */
export async function followJob(
  deps: FollowDeps,
  job: ProviderJob,
  onUpdate: (u: ProviderUpdate) => void,
  signal?: AbortSignal,
): Promise<ProviderResult> {
  const { client, clock, settings } = deps;
  const log = deps.log.child({ requestId: job.requestId, model: job.model });
  const deadline = clock.now() + settings.waitMs;
  let last = '';
  let completed: QueueStatus | undefined;
  let stream = settings.streamStatus !== false;
  const report = (status: QueueStatus) => {
    const update = toUpdate(status);
    const key = JSON.stringify(update);
    if (key !== last) {
      last = key;
      onUpdate(update);
    }
  };
  while (!completed) {
    if (signal?.aborted) throw abortReason(signal);
    if (clock.now() >= deadline) {
      // As the fal client does on its own timeout: the abandoned job should not keep a slot busy.
      client.queue.cancel(job.model, { requestId: job.requestId }).catch(() => {});
      throw new ProviderError('retryable', `fal job did not finish within ${settings.waitMs} ms`, {
        code: 'timeout',
      });
    }
    const streaming = stream;
    try {
      const status = streaming
        ? await watchStatus(client, job.model, {
            requestId: job.requestId,
            maxMs: Math.max(1, Math.min(STREAM_MAX_MS, deadline - clock.now())),
            clock,
            onStatus: report,
            ...(signal ? { signal } : {}),
          })
        : await client.queue.status(job.model, {
            requestId: job.requestId,
            logs: true,
            abortSignal: withTimeout(signal, settings.requestMs),
          });
      if (!streaming && status) report(status);
      if (status?.status === 'COMPLETED') completed = status;
      stream = !streaming && settings.streamStatus !== false;
      // A stream that ended before COMPLETED (dropped, or open for STREAM_MAX_MS): check once directly, at once.
      if (streaming) continue;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      stream = !streaming && settings.streamStatus !== false;
      if (streaming) {
        // The client reports any stream failure as a 500: the status endpoint tells what fal really said.
        log.debug({ err: error }, 'fal status stream failed; checking the status directly');
        continue;
      }
      const classified = classifyFalError(error);
      if (classified.info.status === 404) {
        throw new ProviderError('retryable', 'fal no longer knows this request', {
          status: 404,
          code: 'job_not_found',
          cause: error,
        });
      }
      if (classified.errorClass !== 'retryable') throw classified;
      log.debug({ code: classified.info.code }, 'fal status check failed; polling again');
    }
    if (!completed) await clock.sleep(settings.pollIntervalMs, signal);
  }
  const metrics = (completed as { metrics?: { inference_time?: unknown } }).metrics;
  const inferenceSec = typeof metrics?.inference_time === 'number' ? metrics.inference_time : undefined;
  const result = await withRetry(
    () =>
      client.queue.result(job.model, {
        requestId: job.requestId,
        abortSignal: withTimeout(signal, settings.requestMs),
      }),
    settings.resultRetry,
    {
      clock,
      random: deps.random,
      retryIf: (error) => classifyFalError(error).errorClass === 'retryable',
      onRetry: ({ attempt, error }) =>
        log.warn({ attempt, code: classifyFalError(error).info.code }, 'fal result fetch failed; retrying'),
      signal,
    },
  ).catch((error: unknown) => {
    if (signal?.aborted) throw abortReason(signal);
    throw classifyFalError(error);
  });
  return toProviderResult(job, result.data, inferenceSec);
}
