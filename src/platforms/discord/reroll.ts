import type { Generation, Requester } from '../../core/types.js';
import type { InteractionToken } from './message-sender.js';
import { encodeRef } from './reply-ref.js';
import type { DiscordRuntime } from './runtime.js';

/**
 * Starts a re-roll of `original` for `requester` (the core refuses anyone but the original requester and
 * folds repeats within its window into one job) and shows it as a new message replying to the original,
 * with its own live status. `fallback`: the interaction that asked for it (a button click), whose token
 * carries the re-roll on as a follow-up if Discord refuses the bot in the channel after all.
 */
export async function startReroll(
  rt: DiscordRuntime,
  original: Generation,
  requester: Requester,
  where: { channelId: string; messageId: string },
  fallback?: InteractionToken,
): Promise<Generation | undefined> {
  // Its message's place goes with the request: a reply to the original (posted by the job-message machine).
  const replyRef = encodeRef({
    channelId: where.channelId,
    replyTo: where.messageId,
    ...(fallback ? { fallback } : {}),
  });
  const next = await rt.deps.service.reroll(original.id, { ...requester, replyRef });
  // A repeat inside the window answers the job already started (or the original while it is created).
  if (next.id === original.id) return undefined;
  return next;
}
