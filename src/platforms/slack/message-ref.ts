import { z } from 'zod';
import type { Generation } from '../../core/types.js';

/** Where a job's Slack message is: recorded as messageId `${channel}:${ts}` plus this replyRef. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
  /** The thread the message is a reply in (re-rolls and sequence frames). */
  threadTs?: string;
  /** The uploaded image (files v2), when the media was uploaded rather than linked. */
  fileId?: string;
}

const refSchema = z.object({
  c: z.string().min(1).max(40),
  ts: z.string().regex(/^\d+\.\d+$/),
  th: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  f: z.string().min(1).max(40).optional(),
});

export const messageIdOf = (ref: Pick<SlackMessageRef, 'channel' | 'ts'>): string =>
  `${ref.channel}:${ref.ts}`;

export function encodeReplyRef(ref: SlackMessageRef): string {
  return JSON.stringify({
    c: ref.channel,
    ts: ref.ts,
    ...(ref.threadTs ? { th: ref.threadTs } : {}),
    ...(ref.fileId ? { f: ref.fileId } : {}),
  });
}

/** The message a job is shown in, from its record (also after a restart); undefined when none is known. */
export function refOf(generation: Pick<Generation, 'messageId' | 'replyRef'>): SlackMessageRef | undefined {
  if (generation.replyRef) {
    try {
      const parsed = refSchema.safeParse(JSON.parse(generation.replyRef));
      if (parsed.success) {
        const { c, ts, th, f } = parsed.data;
        return { channel: c, ts, ...(th ? { threadTs: th } : {}), ...(f ? { fileId: f } : {}) };
      }
    } catch {
      // Not ours (or damaged): fall back to the message id.
    }
  }
  const match = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(generation.messageId ?? '');
  return match ? { channel: match[1]!, ts: match[2]! } : undefined;
}

/**
 * Where a job's message is to be posted, recorded with the request (messageId stays empty until it is):
 * the channel, the thread, and the gate its posts wait for while the adapter opens that thread.
 */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
  gate?: string;
}

const placeSchema = z.object({
  c: z.string().min(1).max(40),
  th: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  g: z.string().min(1).max(100).optional(),
});

export const encodePlace = (place: SlackPlace): string =>
  JSON.stringify({
    c: place.channel,
    ...(place.threadTs ? { th: place.threadTs } : {}),
    ...(place.gate ? { g: place.gate } : {}),
  });

/** The place recorded with a job whose message is not posted yet; its own channel when none was. */
export function placeOf(generation: Pick<Generation, 'channelId' | 'replyRef'>): SlackPlace {
  try {
    const parsed = placeSchema.safeParse(JSON.parse(generation.replyRef ?? ''));
    if (parsed.success) {
      const { c, th, g } = parsed.data;
      return { channel: c, ...(th ? { threadTs: th } : {}), ...(g ? { gate: g } : {}) };
    }
  } catch {
    // Not a place (or none): the job's own channel.
  }
  return { channel: generation.channelId };
}

/** Replies go to the thread's root: Slack does not nest threads. */
export const threadRootOf = (ref: SlackMessageRef): string => ref.threadTs ?? ref.ts;
