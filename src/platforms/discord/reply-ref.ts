/**
 * Where a job's Discord message lives, kept in the generation record's `replyRef` so a restarted process
 * can go on editing it with no memory of the interaction: the interaction token (and when it was issued)
 * while it is valid, and the channel (a thread for sequence frames) for edits with the bot token.
 */
export interface DiscordRef {
  /** Channel or thread of the message; the record's channelId when absent. */
  channelId?: string;
  /** Interaction token whose `@original` is the message. */
  token?: string;
  /** When the interaction was created (epoch ms): its token works for 15 minutes from then. */
  tokenAt?: number;
  /** The message is a follow-up of that interaction (edited by its id), not its `@original`. */
  followUp?: boolean;
  /** Not posted yet: posted as a reply to this message (re-rolls). */
  replyTo?: string;
  /** Not posted yet: the interaction whose follow-up it becomes if Discord refuses the bot there. */
  fallback?: { token: string; tokenAt: number };
  /** Not posted yet: its place is being opened (a sequence's thread; see job-message-machine gate). */
  gate?: string;
}

/** Discord's interaction token lifetime. */
export const TOKEN_TTL_MS = 15 * 60_000;
/** Switch to the bot token a little early: a request queued behind a rate limit must not arrive late. */
const TOKEN_MARGIN_MS = 60_000;

export function encodeRef(ref: DiscordRef): string {
  return JSON.stringify({
    v: 1,
    ...(ref.channelId ? { ch: ref.channelId } : {}),
    ...(ref.token && ref.tokenAt !== undefined ? { t: ref.token, at: ref.tokenAt } : {}),
    ...(ref.followUp ? { f: 1 } : {}),
    ...(ref.replyTo ? { r: ref.replyTo } : {}),
    ...(ref.fallback ? { fb: { t: ref.fallback.token, at: ref.fallback.tokenAt } } : {}),
    ...(ref.gate ? { g: ref.gate } : {}),
  });
}

export function decodeRef(raw: string | null | undefined): DiscordRef | undefined {
  if (!raw?.startsWith('{')) return undefined;
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    const fb = data.fb as { t?: unknown; at?: unknown } | undefined;
    if (data.v !== 1) return undefined;
    return {
      ...(typeof data.ch === 'string' ? { channelId: data.ch } : {}),
      ...(typeof data.t === 'string' && typeof data.at === 'number'
        ? { token: data.t, tokenAt: data.at }
        : {}),
      ...(data.f === 1 ? { followUp: true } : {}),
      ...(typeof data.r === 'string' ? { replyTo: data.r } : {}),
      ...(typeof fb?.t === 'string' && typeof fb.at === 'number'
        ? { fallback: { token: fb.t, tokenAt: fb.at } }
        : {}),
      ...(typeof data.g === 'string' ? { gate: data.g } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Whether an interaction token issued at `tokenAt` can still be used safely at `now`. */
export function tokenUsable(tokenAt: number | undefined, now: number): boolean {
  return tokenAt !== undefined && now - tokenAt < TOKEN_TTL_MS - TOKEN_MARGIN_MS;
}
