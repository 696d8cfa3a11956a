import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { Generation } from '../../core/types.js';
import { createSpacedQueue } from '../shared/spaced-queue.js';
import { slackErrorCode } from './error-boundary.js';
import { refOf, type SlackMessageRef } from './message-ref.js';

export const DELETED_TEXT = 'This image was deleted.';

export interface SlackMessageRemoverDeps {
  client: webApi.WebClient;
  log: Logger;
}

/** Least time between two removals: chat.delete is a Tier 3 method (~50 a minute). */
const INTERVAL_MS = 1_200;

const GONE = new Set(['message_not_found', 'channel_not_found', 'file_not_found', 'file_deleted']);

/** Slack says the message (or its channel or file) no longer exists. */
export const messageGone = (error: unknown): boolean => GONE.has(slackErrorCode(error) ?? '');

/**
 * Removes the Slack message of each deleted result (chat.delete), and the image file when it was uploaded
 * rather than linked, one result at a time and spaced out for Slack's rate tiers. When the message cannot
 * be deleted it is replaced by a short note saying the image was deleted.
 */
export function createSlackMessageRemover(deps: SlackMessageRemoverDeps) {
  const { client, log } = deps;

  async function removeOne({ jobId, ref }: { jobId: string; ref: SlackMessageRef }): Promise<void> {
    const where = { channel: ref.channel, ts: ref.ts };
    try {
      await client.chat.delete(where);
    } catch (error) {
      if (!messageGone(error)) {
        log.warn({ err: error, jobId, ...where }, 'could not delete a deleted image’s message; replacing it');
        await client.chat
          .update({ ...where, text: DELETED_TEXT, blocks: [] })
          .catch((e: unknown) => log.warn({ err: e, jobId }, 'could not replace a deleted image’s message'));
      }
    }
    if (ref.fileId)
      await client.files.delete({ file: ref.fileId }).catch((e: unknown) => {
        if (!messageGone(e)) log.warn({ err: e, jobId }, 'could not delete an uploaded image');
      });
  }

  const removals = createSpacedQueue(INTERVAL_MS, removeOne);

  return {
    /** core.deletion.onDeleted listener: queues the message of a Slack tombstone, if it has one. */
    onDeleted(tombstone: Generation): void {
      if (tombstone.platform !== 'slack') return;
      const ref = refOf(tombstone);
      if (!ref) return;
      removals.push({ jobId: tombstone.id, ref });
    },
    idle: removals.idle,
    stop: removals.stop,
  };
}
