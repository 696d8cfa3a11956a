import type { FalClient, QueueStatus } from '@fal-ai/client';
import { runAfter } from '../../core/clock.js';
import type { Clock } from '../../core/ports.js';

export interface WatchOptions {
  requestId: string;
  /** Close the stream after this long (a silent or half-open connection must not hold the job forever). */
  maxMs: number;
  clock: Pick<Clock, 'sleep'>;
  signal?: AbortSignal;
  onStatus(status: QueueStatus): void;
}

/**
 * Follows one job over fal's status stream (server-sent events, one per status change, closed by fal
 * after COMPLETED): the job is known to be done the moment it is, instead of at the next poll.
 * Resolves with the last status seen, COMPLETED or not (closed early, maxMs, or aborted); rejects when the
 * stream could not be opened or broke. The client reports every stream failure as a 500 whatever fal
 * answered, so the caller asks the plain status endpoint to learn what went wrong.
 */
export async function watchStatus(
  client: FalClient,
  model: string,
  options: WatchOptions,
): Promise<QueueStatus | undefined> {
  if (options.signal?.aborted) return undefined;
  const stream = await client.queue.streamStatus(model, { requestId: options.requestId, logs: true });
  let last: QueueStatus | undefined;
  const stop = () => stream.abort();
  const cancelTimer = runAfter(options.clock, options.maxMs, stop);
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    stream.on('data', (data) => {
      const status = data as QueueStatus;
      if (typeof status?.status !== 'string') return;
      last = status;
      options.onStatus(status);
    });
    await stream.done();
    return last;
  } finally {
    cancelTimer();
    options.signal?.removeEventListener('abort', stop);
  }
}
