/** Counters the emulator exposes so tests and benchmarks can check what really reached "fal". */
export interface ModelStats {
  submits: number;
  accepted: number;
  completed: number;
  peakInProgress: number;
}

export interface FalEmulatorStats {
  /** Every submit request that passed auth, including the ones answered with an error. */
  submits: number;
  /** Submits that created a job. */
  accepted: number;
  /** Submits seen per prompt text: more than 1 means the same input was sent again (retry or duplicate). */
  submitsByPrompt: Record<string, number>;
  statusRequests: number;
  resultRequests: number;
  cancelRequests: number;
  mediaRequests: number;
  unauthorized: number;
  inQueue: number;
  inProgress: number;
  peakInProgress: number;
  completed: number;
  cancelled: number;
  hung: number;
  byModel: Record<string, ModelStats>;
}

export type Counter =
  | 'statusRequests'
  | 'resultRequests'
  | 'cancelRequests'
  | 'mediaRequests'
  | 'unauthorized';

export class StatsRecorder {
  private data = StatsRecorder.empty();

  private static empty() {
    return {
      submits: 0,
      accepted: 0,
      submitsByPrompt: {} as Record<string, number>,
      statusRequests: 0,
      resultRequests: 0,
      cancelRequests: 0,
      mediaRequests: 0,
      unauthorized: 0,
      peakInProgress: 0,
      completed: 0,
      cancelled: 0,
      hung: 0,
      byModel: {} as Record<string, ModelStats>,
    };
  }

  model(model: string): ModelStats {
    const existing = this.data.byModel[model];
    if (existing) return existing;
    const created = { submits: 0, accepted: 0, completed: 0, peakInProgress: 0 };
    this.data.byModel[model] = created;
    return created;
  }

  submit(model: string, prompt: unknown): void {
    this.data.submits++;
    this.model(model).submits++;
    const key = typeof prompt === 'string' ? prompt : '(no prompt)';
    this.data.submitsByPrompt[key] = (this.data.submitsByPrompt[key] ?? 0) + 1;
  }

  accepted(model: string): void {
    this.data.accepted++;
    this.model(model).accepted++;
  }

  started(model: string, modelRunning: number, totalRunning: number): void {
    const m = this.model(model);
    m.peakInProgress = Math.max(m.peakInProgress, modelRunning);
    this.data.peakInProgress = Math.max(this.data.peakInProgress, totalRunning);
  }

  completed(model: string): void {
    this.data.completed++;
    this.model(model).completed++;
  }

  count(counter: Counter | 'cancelled' | 'hung'): void {
    this.data[counter]++;
  }

  snapshot(live: { inQueue: number; inProgress: number }): FalEmulatorStats {
    return structuredClone({ ...this.data, ...live });
  }

  reset(): void {
    this.data = StatsRecorder.empty();
  }
}
