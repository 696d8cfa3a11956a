import type { Platform } from '../../core/types.js';
import type { JobItem } from './job-coalescer.js';

/** What showing a job's state did. */
export type Shown<Ref> =
  /**
   * The message shows it. `changed`: the ref is new or grew (a post, a follow-up or DM instead, an upload)
   * and is recorded. `behind`: the message shows an earlier state (a finished job posted as queued, a
   * message taken over): the item is shown again through the edit path.
   */
  | { kind: 'shown'; ref: Ref; changed?: boolean; behind?: boolean }
  /** An in-between state the place refused: not retried; the final one is. */
  | { kind: 'skipped' }
  /** The message (or its channel) was deleted: a final state has nothing left to show in. */
  | { kind: 'gone' }
  /** A final state nobody could be shown: not marked shown, so the next start tries again. */
  | { kind: 'undelivered' };

/**
 * A chat platform as the job-message machine sees it: where a job's message is, and the four calls that
 * change it. Each platform renders and talks to its API here; the machine owns the per-job state.
 */
export interface JobMessagePort<Ref> {
  readonly platform: Platform;
  /**
   * Where the job's message is, or is to be posted, from its record: the adapter recorded the place with
   * the request, and the machine records the message once posted, so this also holds after a restart.
   */
  refOf(job: JobItem): Ref;
  /** Whether `ref` names a message already posted (else the first show posts one). */
  hasMessage(ref: Ref): boolean;
  /** Posts wait their turn per place (a sequence's frames appear in order); the gate named in the place. */
  placeOf(ref: Ref): { key: string; gate?: string };
  /**
   * Posts the job's first message. `mayExist`: an earlier process, or an earlier try whose answer was
   * lost, may have posted it already (a port that can find such a message takes it over).
   */
  post(ref: Ref, job: JobItem, mayExist: boolean): Promise<Shown<Ref>>;
  /** Edits the job's message (uploading its image where the platform needs that). */
  edit(ref: Ref, job: JobItem): Promise<Shown<Ref>>;
  /** Marks a finished result (the 🔁 shortcut); failures are the port's to log. */
  react(ref: Ref, job: JobItem): Promise<void>;
  /** The record form of a message: written after a post so a restarted process edits the same one. */
  record(ref: Ref): { messageId: string; replyRef: string };
}
