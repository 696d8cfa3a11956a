import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import type { Generation } from '../../core/types.js';
import { createSpacedQueue } from '../shared/spaced-queue.js';
import { decodeRef } from './reply-ref.js';

export const DELETED_TEXT = 'This image was deleted.';

export interface MessageRemoverDeps {
  rest: REST;
  log: Logger;
  /** Least time between two removals, so a purge of hundreds stays under Discord's rate limits (default 300 ms). */
  intervalMs?: number;
}

interface Removal {
  jobId: string;
  channelId: string;
  messageId: string;
}

/** Discord says the message (or its channel) no longer exists. */
export const messageGone = (error: unknown): boolean =>
  error instanceof DiscordAPIError &&
  (error.code === RESTJSONErrorCodes.UnknownMessage || error.code === RESTJSONErrorCodes.UnknownChannel);

/**
 * Removes the chat message of each deleted Discord result, one at a time and spaced out. When Discord
 * refuses the delete, the message is edited to say the image was deleted instead (no image, no buttons).
 */
export function createMessageRemover(deps: MessageRemoverDeps) {
  const { rest, log } = deps;
  const intervalMs = deps.intervalMs ?? 300;
  async function removeOne({ jobId, channelId, messageId }: Removal): Promise<void> {
    try {
      await rest.delete(Routes.channelMessage(channelId, messageId));
      return;
    } catch (error) {
      if (messageGone(error)) return;
      log.warn({ err: error, jobId, messageId }, 'could not delete a deleted image’s message; editing it');
    }
    try {
      await rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { content: DELETED_TEXT, embeds: [], components: [], attachments: [] },
      });
    } catch (error) {
      if (!messageGone(error))
        log.warn({ err: error, jobId, messageId }, 'could not edit a deleted image’s message');
    }
  }

  const removals = createSpacedQueue(intervalMs, removeOne);

  return {
    /** core.deletion.onDeleted listener: queues the message of a Discord tombstone, if it has one. */
    onDeleted(tombstone: Generation): void {
      if (tombstone.platform !== 'discord' || !tombstone.messageId) return;
      const ref = decodeRef(tombstone.replyRef);
      removals.push({
        jobId: tombstone.id,
        channelId: ref?.channelId ?? tombstone.channelId,
        messageId: tombstone.messageId,
      });
    },
    /** Resolves once every queued removal was tried. */
    idle: removals.idle,
    stop: removals.stop,
  };
}

export type MessageRemover = ReturnType<typeof createMessageRemover>;
