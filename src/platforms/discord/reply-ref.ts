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
  });
}

export function decodeRef(raw: string | null | undefined): DiscordRef | undefined {
  if (!raw?.startsWith('{')) return undefined;
  try {
    const data = JSON.parse(raw) as { v?: unknown; ch?: unknown; t?: unknown; at?: unknown; f?: unknown };
    if (data.v !== 1) return undefined;
    return {
      ...(typeof data.ch === 'string' ? { channelId: data.ch } : {}),
      ...(typeof data.t === 'string' && typeof data.at === 'number'
        ? { token: data.t, tokenAt: data.at }
        : {}),
      ...(data.f === 1 ? { followUp: true } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Whether an interaction token issued at `tokenAt` can still be used safely at `now`. */
export function tokenUsable(tokenAt: number | undefined, now: number): boolean {
  return tokenAt !== undefined && now - tokenAt < TOKEN_TTL_MS - TOKEN_MARGIN_MS;
}
