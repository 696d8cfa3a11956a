import { type APIMessage, DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { Generation } from '../../core/types.js';
import { messageGone } from './delete-messages.js';
import { type MessageSender, type Placement, refusedHere } from './message-sender.js';
import { createRecentSet } from './recent-set.js';
import type { OutgoingMessage } from './render/outgoing.js';
import { tokenUsable } from './reply-ref.js';

/** Where a job's state ended up. */
export type Placed =
  /** At its placement (which may have just become a follow-up of the interaction that started it). */
  | { kind: 'here'; message: APIMessage }
  /** Its final state, in the requester's DMs: the channel refused the bot and no interaction token was left. */
  | { kind: 'direct'; message: APIMessage }
  /** The message (or its channel) was deleted: a final state has nothing left to show in. */
  | { kind: 'gone' }
  /** An in-between state the channel refused: not retried (403s count against the bot), the final one will be. */
  | { kind: 'skipped' }
  /** A final state nobody could be shown (the DM was refused too): the next start tries again. */
  | { kind: 'undelivered' };

/**
 * Shows a job's state at its placement, and makes sure its final state reaches the person when Discord
 * refuses the bot token there (403 50001/50013: overwrites changed after the job started, or the
 * interaction token expired in a channel the bot cannot use). Interaction tokens work whatever a channel's
 * permissions (discordjs/discord.js#7544), so the job goes on as a follow-up of the command that started it
 * while that token lives; after that its final state goes to the requester's DMs, saying why.
 */
export function createJobPlacer(deps: { sender: MessageSender; log: Logger; now?: () => number }) {
  const now = deps.now ?? Date.now;
  /** Jobs refused at their placement: their in-between states are not tried again. */
  const refused = createRecentSet();

  async function direct(
    generation: Generation,
    target: Placement,
    message: OutgoingMessage,
    error: unknown,
  ): Promise<Placed> {
    const blind = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingAccess;
    const why = blind
      ? `I can no longer see <#${target.channelId}> (I need the **View Channel** permission there)`
      : `I may no longer post or edit my messages in <#${target.channelId}>`;
    const note = `${why}, so here is how your image turned out. A server admin can check Atelier's permissions there.`;
    try {
      const sent = await deps.sender.sendDirect(generation.userId, { ...message, content: note });
      deps.log.info({ jobId: generation.id }, 'the channel refused the bot; the outcome went to a DM');
      return { kind: 'direct', message: sent };
    } catch (dmError) {
      deps.log.warn(
        { err: dmError, cause: error, jobId: generation.id },
        'could not show a job’s outcome in its channel nor in a DM; the next start tries again',
      );
      return { kind: 'undelivered' };
    }
  }

  return async function place(
    generation: Generation,
    target: Placement,
    message: OutgoingMessage,
    final: boolean,
  ): Promise<Placed> {
    const id = generation.id;
    if (!final && refused.has(id)) return { kind: 'skipped' };
    try {
      return { kind: 'here', message: await deps.sender.show(target, message) };
    } catch (error) {
      if (final && messageGone(error)) return { kind: 'gone' };
      if (!refusedHere(error)) throw error;
      const fallback = target.fallback;
      if (fallback && tokenUsable(fallback.tokenAt, now())) {
        deps.log.info({ jobId: id, channelId: target.channelId }, 'the bot may not post there; following up');
        delete target.messageId;
        delete target.replyTo;
        delete target.fallback;
        Object.assign(target, { token: fallback.token, tokenAt: fallback.tokenAt, followUp: true });
        return { kind: 'here', message: await deps.sender.show(target, message) };
      }
      if (!final) {
        refused.add(id);
        deps.log.debug({ jobId: id, channelId: target.channelId }, 'the channel refused a job update');
        return { kind: 'skipped' };
      }
      return direct(generation, target, message, error);
    }
  };
}

export type JobPlacer = ReturnType<typeof createJobPlacer>;
