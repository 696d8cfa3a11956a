import type { Generation, Requester } from '../../core/types.js';
import { encodePlace, refOf, threadRootOf } from './message-ref.js';
import type { SlackRuntime } from './runtime.js';

/**
 * Starts a re-roll of `original` for `requester` (the core checks ownership and folds repeats within its
 * window into one job) and posts it in the original's thread with its own live status.
 */
export async function startReroll(
  rt: SlackRuntime,
  original: Generation,
  requester: Requester,
): Promise<void> {
  const ref = refOf(original);
  // The re-roll is posted beside the original: the bot may have left (or been removed from) that channel.
  await rt.canPost(ref?.channel ?? original.channelId);
  // Its message's place, in the original's thread, goes with the request (posted by the job-message machine).
  const replyRef = encodePlace({
    channel: ref?.channel ?? original.channelId,
    ...(ref ? { threadTs: threadRootOf(ref) } : {}),
  });
  // A repeat inside the core's window answers the job already started (or, while it is being created,
  // the original itself): that one already has, or is getting, its message.
  await rt.deps.service.reroll(original.id, { ...requester, replyRef });
}
