import type { FalQueue, SimJob } from './queue-sim.js';

/** The URLs fal returns with every queue answer; they point back at this emulator. */
export function jobUrls(baseUrl: string, job: SimJob) {
  const root = `${baseUrl}/${job.app}/requests/${job.id}`;
  return { response_url: root, status_url: `${root}/status`, cancel_url: `${root}/cancel` };
}

export function submitBody(baseUrl: string, queue: FalQueue, job: SimJob) {
  return {
    request_id: job.id,
    status: 'IN_QUEUE' as const,
    queue_position: queue.position(job),
    ...jobUrls(baseUrl, job),
  };
}

/** Status in fal's shape; logs are null unless asked for with ?logs=1, as fal does. */
export function statusBody(baseUrl: string, queue: FalQueue, job: SimJob, withLogs: boolean) {
  const common = { request_id: job.id, ...jobUrls(baseUrl, job) };
  const logs = withLogs ? job.logs : null;
  if (job.state === 'IN_QUEUE') return { status: job.state, queue_position: queue.position(job), ...common };
  if (job.state === 'IN_PROGRESS') return { status: job.state, logs, ...common };
  return {
    status: job.state,
    logs,
    metrics: { inference_time: job.inferenceMs === undefined ? null : job.inferenceMs / 1000 },
    ...(job.cancelled ? { error: 'Request was cancelled', error_type: 'cancelled' } : {}),
    ...(job.failed ? { error: 'Internal error during inference', error_type: 'internal_error' } : {}),
    ...common,
  };
}
