import { randomUUID } from 'node:crypto';
import type { ActionRenderFn } from '../placeholder/render-action.js';
import type { StatsRecorder } from './emulator-stats.js';
import type { OutputShape } from './endpoint-schemas.js';
import { type FalKnobs, knobsFor } from './knobs.js';
import type { MediaStore } from './media-store.js';
import type { PromptReading } from './prompt-window.js';
import { type FalImageOutput, type RenderFn, renderJobOutput } from './render-output.js';
import type { SourceImage } from './source-images.js';
import type { ImageInput } from './validate-input.js';

export type { FalImageOutput, RenderFn } from './render-output.js';

export type JobState = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';

export interface QueueLog {
  message: string;
  level: 'INFO';
  source: 'USER';
  timestamp: string;
}

export interface SimJob {
  id: string;
  /** Endpoint id as submitted (owner/alias[/path]). */
  model: string;
  /** owner/alias: what the status and result URLs carry. */
  app: string;
  input: ImageInput;
  /** The endpoint's output shape and what its model reads of the prompt. */
  outputShape: OutputShape;
  prompt: PromptReading;
  /** The input images, downloaded at submit (none for text to image). */
  sources: SourceImage[];
  state: JobState;
  logs: QueueLog[];
  seed: number;
  startedAt?: number;
  inferenceMs?: number;
  output?: FalImageOutput;
  failed?: boolean;
  cancelled?: boolean;
  hung?: boolean;
  resultFailuresLeft: number;
  timers: NodeJS.Timeout[];
}

export interface FalQueueDeps {
  knobs: () => FalKnobs;
  random: () => number;
  render: RenderFn;
  renderAction: ActionRenderFn;
  media: MediaStore;
  stats: StatsRecorder;
  mediaUrl: (id: string) => string;
  onRenderError: (error: unknown) => void;
}

const STEPS = 4;
const MAX_JOBS = 5000;

/** The simulated fal queue: per-model slots, FIFO waiting lists, timed progress. */
export class FalQueue {
  private readonly jobs = new Map<string, SimJob>();
  private readonly waiting = new Map<string, string[]>();
  private readonly running = new Map<string, Set<string>>();
  private readonly listeners = new Map<string, Set<(job: SimJob | undefined) => void>>();

  constructor(private readonly deps: FalQueueDeps) {}

  submit(
    model: string,
    app: string,
    input: ImageInput,
    endpoint: { output: OutputShape; prompt: PromptReading; sources?: SourceImage[] },
  ): SimJob {
    const job: SimJob = {
      id: randomUUID(),
      model,
      app,
      input,
      outputShape: endpoint.output,
      prompt: endpoint.prompt,
      sources: endpoint.sources ?? [],
      state: 'IN_QUEUE',
      logs: [],
      seed: input.seed ?? Math.floor(this.deps.random() * 2 ** 31),
      resultFailuresLeft: 0,
      timers: [],
    };
    this.jobs.set(job.id, job);
    this.list(this.waiting, model, () => [] as string[]).push(job.id);
    this.evictOld();
    this.pump(model);
    return job;
  }

  get(id: string): SimJob | undefined {
    return this.jobs.get(id);
  }

  /** fal's queue_position: how many requests are ahead (0 = next). */
  position(job: SimJob): number {
    return Math.max(0, this.waiting.get(job.model)?.indexOf(job.id) ?? 0);
  }

  counts(): { inQueue: number; inProgress: number } {
    let inQueue = 0;
    let inProgress = 0;
    for (const ids of this.waiting.values()) inQueue += ids.length;
    for (const ids of this.running.values()) inProgress += ids.size;
    return { inQueue, inProgress };
  }

  subscribe(id: string, listener: (job: SimJob | undefined) => void): () => void {
    const set = this.list(this.listeners, id, () => new Set<(job: SimJob | undefined) => void>());
    set.add(listener);
    return () => set.delete(listener);
  }

  cancel(job: SimJob): 'requested' | 'already_completed' {
    if (job.state === 'COMPLETED') return 'already_completed';
    this.clearTimers(job);
    this.removeWaiting(job);
    this.running.get(job.model)?.delete(job.id);
    job.cancelled = true;
    job.state = 'COMPLETED';
    this.deps.stats.count('cancelled');
    this.notify(job);
    this.pump(job.model);
    return 'requested';
  }

  /** Starts waiting jobs while slots are free (also after a concurrency change). */
  pumpAll(): void {
    for (const model of this.waiting.keys()) this.pump(model);
  }

  reset(): void {
    for (const job of this.jobs.values()) this.clearTimers(job);
    const ids = [...this.listeners.keys()];
    this.jobs.clear();
    this.waiting.clear();
    this.running.clear();
    for (const id of ids) for (const l of this.listeners.get(id) ?? []) l(undefined);
    this.listeners.clear();
  }

  private pump(model: string): void {
    const waiting = this.waiting.get(model) ?? [];
    const running = this.list(this.running, model, () => new Set<string>());
    const { concurrency } = knobsFor(this.deps.knobs(), model);
    let moved = false;
    while (running.size < concurrency && waiting.length > 0) {
      const job = this.jobs.get(waiting.shift() ?? '');
      if (!job) continue;
      running.add(job.id);
      this.start(job, running.size);
      moved = true;
    }
    // Everyone still waiting moved up a place.
    if (moved) for (const id of waiting) this.notify(this.jobs.get(id));
  }

  private start(job: SimJob, modelRunning: number): void {
    const k = knobsFor(this.deps.knobs(), job.model);
    job.state = 'IN_PROGRESS';
    job.startedAt = Date.now();
    this.deps.stats.started(job.model, modelRunning, this.counts().inProgress);
    const spread = (this.deps.random() * 2 - 1) * k.latencySpreadMs;
    const duration = Math.max(0, Math.round(k.latencyMs + spread));
    const nsfw = job.input.prompt.includes('__nsfw__') || this.deps.random() < k.nsfwRate;
    const rendering = renderJobOutput(job, nsfw, k, this.deps);
    this.log(job, 'Starting inference');
    for (let step = 1; step <= STEPS; step++) {
      job.timers.push(
        setTimeout(() => this.log(job, `step ${step}/${STEPS}`), (duration * step) / (STEPS + 1)),
      );
    }
    job.timers.push(
      setTimeout(() => {
        void rendering.then((output) => this.finish(job, output));
      }, duration),
    );
    this.notify(job);
  }

  private finish(job: SimJob, output: FalImageOutput | undefined): void {
    if (job.cancelled || !this.jobs.has(job.id)) return;
    const k = knobsFor(this.deps.knobs(), job.model);
    this.running.get(job.model)?.delete(job.id);
    if (k.hang) {
      // The job is stuck for good; its slot is released so the rest of the queue keeps moving.
      job.hung = true;
      this.deps.stats.count('hung');
    } else {
      job.inferenceMs = Date.now() - (job.startedAt ?? Date.now());
      if (output?.timings) output.timings.inference = job.inferenceMs / 1000;
      job.state = 'COMPLETED';
      if (output) job.output = output;
      else job.failed = true;
      job.resultFailuresLeft = k.completedThen500;
      this.deps.stats.completed(job.model);
      this.notify(job);
    }
    this.pump(job.model);
  }

  private log(job: SimJob, message: string): void {
    job.logs.push({ message, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() });
    this.notify(job);
  }

  private notify(job: SimJob | undefined): void {
    if (!job) return;
    for (const l of this.listeners.get(job.id) ?? []) l(job);
    if (job.state === 'COMPLETED') this.listeners.delete(job.id);
  }

  private removeWaiting(job: SimJob): void {
    const waiting = this.waiting.get(job.model);
    const index = waiting?.indexOf(job.id) ?? -1;
    if (!waiting || index < 0) return;
    waiting.splice(index, 1);
    for (const id of waiting.slice(index)) this.notify(this.jobs.get(id));
  }

  private clearTimers(job: SimJob): void {
    for (const t of job.timers) clearTimeout(t);
    job.timers = [];
  }

  private evictOld(): void {
    if (this.jobs.size <= MAX_JOBS) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS) break;
      if (job.state === 'COMPLETED' || job.hung) this.jobs.delete(id);
    }
  }

  private list<K, V>(map: Map<K, V>, key: K, create: () => V): V {
    const existing = map.get(key);
    if (existing !== undefined) return existing;
    const created = create();
    map.set(key, created);
    return created;
  }
}
