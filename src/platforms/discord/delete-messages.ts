import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { Generation } from '../../core/types.js';
import { createSpacedQueue } from '../shared/spaced-queue.js';
import { refusedHere } from './message-sender.js';
import { type DiscordRef, decodeRef, tokenUsable } from './reply-ref.js';

export const DELETED_TEXT = 'This image was deleted.';

export interface MessageRemoverDeps {
  rest: REST;
  /** For the interaction webhook routes; `rest` when absent. */
  interactionRest?: REST;
  /** The application id (interaction webhook routes); without it no interaction token is tried. */
  appId?: string;
  /** A private word with the person who deleted, when the message had to stay (their DM). */
  tell?: (userId: string, text: string) => Promise<void>;
  now?: () => number;
  log: Logger;
  /** Least time between two removals, so a purge of hundreds stays under Discord's rate limits (default 300 ms). */
  intervalMs?: number;
}

interface Removal {
  jobId: string;
  channelId: string;
  messageId: string;
  ref: DiscordRef | undefined;
  deletedBy: string | null;
}

/** Discord says the message (or its channel) no longer exists. */
export const messageGone = (error: unknown): boolean =>
  error instanceof DiscordAPIError &&
  (error.code === RESTJSONErrorCodes.UnknownMessage || error.code === RESTJSONErrorCodes.UnknownChannel);

/**
 * Removes the chat message of each deleted Discord result, one at a time and spaced out. The bot deletes
 * its own messages, which takes no permission but View Channel (message.mdx "Delete Message"). When Discord
 * refuses the bot token there, the interaction token that made the message is used while it lives (it
 * works whatever the channel allows); else the message is edited to say the image was deleted (no image,
 * no buttons); and when even that is refused, the person who deleted hears in a DM that the message stayed.
 */
export function createMessageRemover(deps: MessageRemoverDeps) {
  const { rest, log } = deps;
  const hooks = deps.interactionRest ?? rest;
  const now = deps.now ?? Date.now;
  const intervalMs = deps.intervalMs ?? 300;
  /**
   * Who was told about which channel while removals were queued: a purge says it once per person and
   * channel, not per message; forgotten once the queue is empty (the next deletion is news again).
   */
  const told = new Set<string>();
  let queued = 0;

  /** Deletes the message through the interaction that made it, if its token still works. */
  async function deleteByToken({ ref, messageId, jobId }: Removal): Promise<boolean> {
    if (!deps.appId || !ref?.token || !tokenUsable(ref.tokenAt, now())) return false;
    try {
      const which = ref.followUp ? messageId : '@original';
      await hooks.delete(Routes.webhookMessage(deps.appId, ref.token, which), { auth: false });
      return true;
    } catch (error) {
      if (messageGone(error)) return true;
      log.debug({ err: error, jobId, messageId }, 'could not delete a message through its interaction');
      return false;
    }
  }

  async function tellDeleter({ deletedBy, channelId, jobId }: Removal): Promise<void> {
    if (!deps.tell || !deletedBy || told.has(`${deletedBy}/${channelId}`)) return;
    told.add(`${deletedBy}/${channelId}`);
    const text = `The image you deleted is gone from storage, but I could not remove its message in <#${channelId}>: I am missing permissions there (View Channel at least). A server admin can delete it.`;
    await deps
      .tell(deletedBy, text)
      .catch((e: unknown) =>
        log.info({ err: e, jobId }, 'could not tell the deleter that the message stayed'),
      );
  }

  async function removeOne(removal: Removal): Promise<void> {
    const { jobId, channelId, messageId } = removal;
    try {
      await rest.delete(Routes.channelMessage(channelId, messageId));
      return;
    } catch (error) {
      if (messageGone(error)) return;
      if (refusedHere(error) && (await deleteByToken(removal))) return;
      log.warn({ err: error, jobId, messageId }, 'could not delete a deleted image’s message; editing it');
    }
    try {
      await rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { content: DELETED_TEXT, embeds: [], components: [], attachments: [] },
      });
    } catch (error) {
      if (messageGone(error)) return;
      log.warn({ err: error, jobId, messageId }, 'could not edit a deleted image’s message');
      if (refusedHere(error)) await tellDeleter(removal);
    }
  }

  const removals = createSpacedQueue(intervalMs, async (removal: Removal) => {
    try {
      await removeOne(removal);
    } finally {
      queued -= 1;
      if (queued === 0) told.clear();
    }
  });

  return {
    /** core.deletion.onDeleted listener: queues the message of a Discord tombstone, if it has one. */
    onDeleted(tombstone: Generation): void {
      if (tombstone.platform !== 'discord' || !tombstone.messageId) return;
      const ref = decodeRef(tombstone.replyRef);
      queued += 1;
      removals.push({
        jobId: tombstone.id,
        channelId: ref?.channelId ?? tombstone.channelId,
        messageId: tombstone.messageId,
        ref,
        deletedBy: tombstone.deletedBy,
      });
    },
    /** Resolves once every queued removal was tried. */
    idle: removals.idle,
    stop: removals.stop,
  };
}

export type MessageRemover = ReturnType<typeof createMessageRemover>;
