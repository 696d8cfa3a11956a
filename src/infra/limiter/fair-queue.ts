/** What the fair queue needs to know about a job. */
export interface FairJob {
  readonly id: string;
  readonly userId: string;
}

/**
 * The per-user backlog in front of the limiter. At most `perUserInFlight` jobs of one user are handed to the
 * limiter (waiting or running there) at once; the rest wait here and are handed over one by one as that
 * user's slots free up, so the limiter's FIFO queue interleaves users instead of serving one user's burst.
 * Pure bookkeeping: it never runs anything.
 */
export class FairQueue<J extends FairJob> {
  private readonly backlogs = new Map<string, J[]>();
  private readonly inFlight = new Map<string, number>();
  /** Handed to the limiter, not started; insertion order is hand-over order. */
  private readonly handed = new Set<J>();
  /** Started; insertion order is start order. */
  private readonly running = new Set<J>();
  private backlogSize = 0;
  private snapshot: Map<string, number> | undefined;

  constructor(
    private readonly perUserInFlight: number,
    private readonly concurrency: number,
  ) {}

  /**
   * Adds a job. `handed`: it must be handed to the limiter now (else it waits in its user's backlog).
   * `movedOthers`: jobs already waiting may have changed place. Not so when it is handed while no backlog
   * holds anything: handed jobs keep hand-over order ahead of every backlog job, so it simply goes last,
   * and the cached positions are extended instead of recomputed (a burst of N people then costs O(N), not
   * O(N²)).
   */
  add(job: J): { handed: boolean; movedOthers: boolean } {
    const inFlight = this.inFlight.get(job.userId) ?? 0;
    if (inFlight < this.perUserInFlight) {
      this.inFlight.set(job.userId, inFlight + 1);
      this.handed.add(job);
      if (this.backlogSize === 0) {
        this.snapshot?.set(job.id, this.handed.size);
        return { handed: true, movedOthers: false };
      }
      this.snapshot = undefined;
      return { handed: true, movedOthers: true };
    }
    this.snapshot = undefined;
    const backlog = this.backlogs.get(job.userId);
    if (backlog) backlog.push(job);
    else this.backlogs.set(job.userId, [job]);
    this.backlogSize++;
    return { handed: false, movedOthers: true };
  }

  /** A handed job started running. */
  start(job: J): void {
    this.snapshot = undefined;
    this.handed.delete(job);
    this.running.add(job);
  }

  /** A running job ended. Returns the user's next job, now counted as handed, which must be handed over. */
  finish(job: J): J | undefined {
    this.snapshot = undefined;
    if (!this.running.delete(job)) return undefined;
    const backlog = this.backlogs.get(job.userId);
    const next = backlog?.shift();
    if (next) {
      this.backlogSize--;
      if (backlog?.length === 0) this.backlogs.delete(job.userId);
      this.handed.add(next);
      return next;
    }
    const left = (this.inFlight.get(job.userId) ?? 1) - 1;
    if (left > 0) this.inFlight.set(job.userId, left);
    else this.inFlight.delete(job.userId);
    return undefined;
  }

  /** Removes every job that has not started (handed first, then backlogs) and returns them. */
  takeWaiting(): J[] {
    const waiting = [...this.handed, ...[...this.backlogs.values()].flat()];
    this.snapshot = undefined;
    this.handed.clear();
    this.backlogs.clear();
    this.backlogSize = 0;
    this.inFlight.clear();
    for (const job of this.running) this.inFlight.set(job.userId, (this.inFlight.get(job.userId) ?? 0) + 1);
    return waiting;
  }

  handedJobs(): J[] {
    return [...this.handed];
  }

  runningJobs(): J[] {
    return [...this.running];
  }

  counts(): { waiting: number; running: number } {
    return { waiting: this.handed.size + this.backlogSize, running: this.running.size };
  }

  /**
   * Each waiting job's 1-based position in the order they are expected to start. Read it at once: it is
   * cached and valid until the next change (a plain append extends it in place).
   */
  positions(): ReadonlyMap<string, number> {
    this.snapshot ??= this.computePositions();
    return this.snapshot;
  }

  /**
   * Replays the hand-over rule: the limiter starts handed jobs in FIFO order while fewer than `concurrency`
   * run; running jobs are assumed to end in start order, and each end hands that user's next backlog job to
   * the back of the queue. O(running + waiting), computed once per change and cached.
   */
  private computePositions(): Map<string, number> {
    const positions = new Map<string, number>();
    const queue = [...this.handed];
    const active: string[] = [...this.running].map((job) => job.userId);
    const taken = new Map<string, number>();
    let head = 0;
    let ended = 0;
    for (;;) {
      const next = queue[head];
      if (next && active.length - ended < this.concurrency) {
        head++;
        positions.set(next.id, positions.size + 1);
        active.push(next.userId);
        continue;
      }
      const userId = active[ended];
      if (userId === undefined) break;
      ended++;
      const backlog = this.backlogs.get(userId);
      const index = taken.get(userId) ?? 0;
      const following = backlog?.[index];
      if (following) {
        taken.set(userId, index + 1);
        queue.push(following);
      }
    }
    return positions;
  }
}
