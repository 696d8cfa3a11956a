import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ModerationDecision } from '../core/moderation/moderation-types.js';
import type { Refusal } from '../core/policy/policy-types.js';
import type { JobScheduler } from '../core/ports.js';
import type { StatusEvent } from '../core/status.js';

/** Prometheus metrics; one registry per bot so tests and several bots in one process don't collide. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'atelier_process_' });
  const metrics = {
    registry,
    jobs: new Counter({
      name: 'atelier_jobs_total',
      help: 'Jobs that reached a final state, by status',
      labelNames: ['status', 'platform', 'model'] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'atelier_job_errors_total',
      help: 'Failed jobs by error class',
      labelNames: ['class', 'platform'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'atelier_job_duration_seconds',
      help: 'From request to final state',
      labelNames: ['status'] as const,
      buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300],
      registers: [registry],
    }),
    providerLatency: new Histogram({
      name: 'atelier_provider_latency_seconds',
      help: 'From submit to provider result',
      labelNames: ['model'] as const,
      buckets: [0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'atelier_queue_depth',
      help: 'Jobs waiting for a provider slot in this process',
      registers: [registry],
    }),
    running: new Gauge({
      name: 'atelier_provider_running',
      help: 'Provider jobs in progress from this process',
      registers: [registry],
    }),
    chatCalls: new Counter({
      name: 'atelier_chat_api_calls_total',
      help: 'Calls made to chat platform APIs',
      labelNames: ['platform', 'method'] as const,
      registers: [registry],
    }),
    cost: new Counter({
      name: 'atelier_estimated_cost_usd_total',
      help: 'Estimated provider spend',
      labelNames: ['model', 'platform'] as const,
      registers: [registry],
    }),
    // Usage per workspace and model (the dashboard's numbers, for Grafana). Workspaces and models are a
    // bounded set per deployment; user ids are not (every member of every community), and each label value
    // combination is a time series kept forever in Prometheus, so per-user usage stays in the database
    // (/admin, /atelier usage) and out of these labels.
    workspaceJobs: new Counter({
      name: 'atelier_workspace_jobs_total',
      help: 'Jobs that reached a final state, by platform, workspace (guild/team id), model and status',
      labelNames: ['platform', 'workspace', 'model', 'status'] as const,
      registers: [registry],
    }),
    workspaceCost: new Counter({
      name: 'atelier_workspace_cost_usd_total',
      help: 'Estimated provider spend by platform, workspace (guild/team id) and model',
      labelNames: ['platform', 'workspace', 'model'] as const,
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'atelier_refusals_total',
      help: 'Requests refused by quotas, the in-flight cap or budgets, by reason',
      labelNames: ['reason', 'platform'] as const,
      registers: [registry],
    }),
    alerts: new Counter({
      name: 'atelier_alerts_total',
      help: 'Operator alerts raised (after dedupe across replicas), by condition',
      labelNames: ['condition'] as const,
      registers: [registry],
    }),
    moderation: new Counter({
      name: 'atelier_moderation_decisions_total',
      help: 'Moderation decisions: text refused by the blocklist, flagged images withheld or posted (NSFW channels)',
      labelNames: ['decision', 'platform'] as const,
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Feeds job metrics from the core's status events. */
export function observeJobs(metrics: Metrics, event: StatusEvent): void {
  const { generation: g, update } = event;
  if (event.replayed) return;
  if (update.kind !== 'done' && update.kind !== 'failed' && update.kind !== 'blocked') return;
  metrics.jobs.inc({ status: update.kind, platform: g.platform, model: g.model });
  const scope = { platform: g.platform, workspace: g.workspaceId, model: g.model };
  metrics.workspaceJobs.inc({ ...scope, status: update.kind });
  metrics.duration.observe({ status: update.kind }, Math.max(0, event.at - g.createdAt) / 1000);
  if (update.kind === 'failed') metrics.errors.inc({ class: update.errorClass, platform: g.platform });
  if (g.costMicros > 0) {
    metrics.cost.inc({ model: g.model, platform: g.platform }, g.costMicros / 1_000_000);
    metrics.workspaceCost.inc(scope, g.costMicros / 1_000_000);
  }
  if (update.kind === 'done' && !update.reused && g.submittedAt && g.finishedAt)
    metrics.providerLatency.observe({ model: g.model }, Math.max(0, g.finishedAt - g.submittedAt) / 1000);
}

/** Counts a refused request (quota, in-flight cap or budget). */
export function observeRefusal(metrics: Metrics, refusal: Refusal): void {
  metrics.refusals.inc({ reason: refusal.reason, platform: refusal.requester.platform });
}

/** Counts a moderation decision (blocklist refusal, flagged image withheld or posted). */
export function observeModeration(metrics: Metrics, decision: ModerationDecision): void {
  metrics.moderation.inc({ decision: decision.decision, platform: decision.platform });
}

/** What of the core the metrics follow: its events, and the scheduler's queue read at scrape time. */
export interface ObservedCore {
  service: { onStatus(listener: (event: StatusEvent) => void): unknown };
  onRefusal(listener: (refusal: Refusal) => void): unknown;
  moderation: { onDecision(listener: (decision: ModerationDecision) => void): unknown };
  scheduler: Pick<JobScheduler, 'counts'>;
}

/** Subscribes the metrics to the core's events; returns what GET /metrics serves. */
export function observeCore(metrics: Metrics, core: ObservedCore) {
  core.service.onStatus((event) => observeJobs(metrics, event));
  core.onRefusal((refusal) => observeRefusal(metrics, refusal));
  core.moderation.onDecision((decision) => observeModeration(metrics, decision));
  return async () => {
    const counts = core.scheduler.counts();
    metrics.queueDepth.set(counts.waiting);
    metrics.running.set(counts.running);
    return { contentType: metrics.registry.contentType, text: await metrics.registry.metrics() };
  };
}
