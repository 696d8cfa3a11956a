/** Estimates how long a waiting job will wait from how long recent jobs took at the provider. */
export class WaitEstimator {
  private readonly window: number[] = [];
  /** Sorted once per new duration, not once per waiting job on every queue change. */
  private median: number | undefined;

  constructor(
    private readonly concurrency: number,
    private readonly size = 50,
  ) {}

  record(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs <= 0) return;
    this.window.unshift(durationMs);
    if (this.window.length > this.size) this.window.length = this.size;
    this.median = undefined;
  }

  seed(durations: readonly number[]): void {
    for (const d of [...durations].reverse()) this.record(d);
  }

  /** null until at least one job has finished: better to say nothing than to guess. */
  etaMs(position: number): number | null {
    if (this.window.length === 0) return null;
    this.median ??= [...this.window].sort((a, b) => a - b)[Math.floor(this.window.length / 2)]!;
    return Math.ceil(position / this.concurrency) * this.median;
  }
}
