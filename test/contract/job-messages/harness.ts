import type { Generation } from '../../../src/core/types.js';
import type { JobMessagePort } from '../../../src/platforms/shared/job-message-port.js';

/** One message as a person sees it in the fake platform: every state it showed, in order. */
export interface SeenMessage {
  id: string;
  /** Channel or thread it is in. */
  place: string;
  /** The status kind of each post or edit: queued:<position> | generating | done | failed. */
  shown: string[];
  reactions: number;
  images: string[];
}

/**
 * One platform's port over an in-memory fake of that platform's API: what the contract drives, and what
 * a person would see there.
 */
export interface JobMessageHarness {
  platform: 'discord' | 'slack';
  port: JobMessagePort<unknown>;
  messages: SeenMessage[];
  /** A job as the adapter records it with its request, its message to be posted in `channel`. */
  placedIn(channel: string, overrides?: Partial<Generation>): Generation;
  /** A job whose message an earlier process posted and recorded (a restart): returns it as recorded. */
  recorded(channel: string, overrides?: Partial<Generation>): Generation;
  /** A sequence frame whose place (a thread) the adapter opens after the request: its record. */
  gated(channel: string, gate: string, overrides?: Partial<Generation>): Generation;
  /** What opening the gate into `thread` changes in a frame's place. */
  openInto(thread: string): (ref: never) => unknown;
  /** Someone deletes the message: later edits fail as the platform answers. */
  deleteMessage(id: string): void;
  /** The platform fails the next edit with a passing server error. */
  failNextEdit(): void;
}

/** The kind of a rendered status line (job-card.ts statusLine), read back from what the platform shows. */
export function statusKind(status: string): string {
  const queued = /⏳ Queued — #(\d+)/.exec(status);
  if (queued) return `queued:${queued[1]}`;
  if (status.includes('🎨')) return 'generating';
  if (status.includes('✅')) return 'done';
  if (status.includes('❌')) return 'failed';
  return `unknown:${status}`;
}
