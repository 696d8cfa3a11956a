import { systemClock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports.js';
import { isTerminal, type StatusEvent } from '../../core/status.js';
import { EDIT_SETTLE_MS } from './coalescer.js';
import { createJobCoalescer, type JobItem } from './job-coalescer.js';
import type { JobMessagePort, Shown } from './job-message-port.js';

export interface JobMessageMachineDeps<Ref> {
  port: JobMessagePort<Ref>;
  /** The core's record of a job's message (generation service attachMessage) and of its shown outcome. */
  jobs: {
    attachMessage(jobId: string, messageId: string, replyRef: string): Promise<void>;
    finalShown(jobId: string): void;
  };
  log: Logger;
  clock?: Pick<Clock, 'now'>;
  /** Least time between two edits of one message (default 1 s). */
  intervalMs?: number;
  /** How long a change waits for the next one before it is shown (default EDIT_SETTLE_MS). */
  settleMs?: number;
}

interface Job<Ref> {
  ref: Ref;
  /** Until the first post was tried: what it waits for (the previous post at its place) and its turn's end. */
  turn?: { after: Promise<void> | undefined; done(): void };
  /** A post was tried and failed: it may have gone out all the same (its answer lost). */
  triedPost?: true;
}

/** Remembered finished jobs and opened gates (a few bytes each); the oldest go first. */
const REMEMBERED = 10_000;

/**
 * Each job's chat message, the same on every platform: the message is posted at the place its record
 * names (or edited when it already exists), then edited as status events arrive — coalesced to about one
 * edit a second, only on meaningful change, the final state always — and a finished result gets the 🔁
 * reaction. The record names the place from the request on (the adapter passes it with the request), so
 * no event ever waits to learn where its job is shown.
 */
export function createJobMessageMachine<Ref>(deps: JobMessageMachineDeps<Ref>) {
  const { port, log } = deps;
  const clock = deps.clock ?? systemClock;
  /** Jobs recorded before this machine started may have a message an earlier process posted. */
  const startedAt = clock.now();
  const jobs = new Map<string, Job<Ref>>();
  const finished = new Set<string>();
  /** The last post (or its turn) at each place. */
  const lastPost = new Map<string, Promise<void>>();
  /** Places an adapter is still opening (a sequence's thread): what opening them changes in a ref. */
  const gates = new Map<string, Promise<(ref: Ref) => Ref>>();

  const remember = <K, V>(map: Map<K, V> | Set<K>, key: K, value?: V) => {
    if (map instanceof Set) map.add(key);
    else map.set(key, value as V);
    if (map.size > REMEMBERED) map.delete(map.keys().next().value as K);
  };

  async function send(id: string, item: JobItem): Promise<void> {
    const job = jobs.get(id);
    if (!job) return;
    let behind = false;
    /** Whether the job is done with: its final state was dealt with (not thrown, which the coalescer retries). */
    let over = false;
    try {
      const posting = !port.hasMessage(job.ref);
      if (posting) {
        if (job.turn?.after) await job.turn.after;
        const gate = port.placeOf(job.ref).gate;
        const opened = gate ? gates.get(gate) : undefined;
        if (opened) job.ref = (await opened)(job.ref);
      }
      let shown: Shown<Ref>;
      if (posting) {
        // Posted by an earlier process, or by an earlier try whose answer was lost: the port may find it.
        const mayExist = job.triedPost === true || item.generation.createdAt < startedAt;
        job.triedPost = true;
        shown = await port.post(job.ref, item, mayExist);
      } else shown = await port.edit(job.ref, item);
      behind = shown.kind === 'shown' && shown.behind === true;
      over = isTerminal(item.update) && !behind;
      if (shown.kind === 'skipped' || shown.kind === 'undelivered') return;
      if (over) deps.jobs.finalShown(id);
      if (shown.kind === 'gone') {
        log.info({ jobId: id }, 'the job message is gone; its outcome is not shown');
        return;
      }
      job.ref = shown.ref;
      if (shown.changed) {
        const { messageId, replyRef } = port.record(shown.ref);
        await deps.jobs
          .attachMessage(id, messageId, replyRef)
          .catch((e: unknown) => log.warn({ err: e, jobId: id }, 'could not record the job message'));
      }
      if (behind) coalescer.push(id, item);
      else if (item.update.kind === 'done') await port.react(shown.ref, item);
    } finally {
      // Posted or failed: the next post at this place goes ahead either way (a retry posts out of turn).
      job.turn?.done();
      delete job.turn;
      if (over) {
        jobs.delete(id);
        remember(finished, id);
      }
    }
  }

  const coalescer = createJobCoalescer({
    ...(deps.intervalMs !== undefined ? { intervalMs: deps.intervalMs } : {}),
    settleMs: deps.settleMs ?? EDIT_SETTLE_MS,
    now: () => clock.now(),
    send,
    log,
  });

  /** A job seen for the first time: its message's place, and its turn there when it is still to be posted. */
  function track(item: JobItem): Job<Ref> {
    const ref = port.refOf(item);
    const job: Job<Ref> = { ref };
    if (!port.hasMessage(ref)) {
      const { key } = port.placeOf(ref);
      let done = () => {};
      const posted = new Promise<void>((resolve) => {
        done = resolve;
      });
      job.turn = { after: lastPost.get(key), done };
      lastPost.set(key, posted);
      void posted.then(() => {
        if (lastPost.get(key) === posted) lastPost.delete(key);
      });
    }
    jobs.set(item.generation.id, job);
    return job;
  }

  return {
    onStatus({ generation, update }: StatusEvent): void {
      if (generation.platform !== port.platform || finished.has(generation.id)) return;
      const item = { generation, update };
      if (!jobs.has(generation.id)) track(item);
      coalescer.push(generation.id, item);
    },

    /**
     * Holds the posts of jobs whose place names `gate` until the function returned is called (with what
     * the opened place changes: a thread's id, or another place when the thread could not be made). For
     * a place made after the jobs are requested, whose name depends on their result (a sequence's thread).
     * A restarted process knows no gates: such jobs are posted at the place as recorded.
     */
    gate(gate: string): (change?: (ref: Ref) => Ref) => void {
      let open: (change: (ref: Ref) => Ref) => void = () => {};
      remember(gates, gate, new Promise<(ref: Ref) => Ref>((resolve) => (open = resolve)));
      return (change = (ref) => ref) => open(change);
    },

    /** Sends every pending edit now (shutdown); unfinished jobs are picked up again by the next process. */
    flush: () => coalescer.flush(),
    /** Resolves once nothing is pending (waits for running jobs' final states too). */
    drain: () => coalescer.drain(),
  };
}

export type JobMessageMachine<Ref> = ReturnType<typeof createJobMessageMachine<Ref>>;
