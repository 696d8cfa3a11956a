import { setTimeout as sleep } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import type { GenerationService } from '../../core/generation/generation-service.js';
import type { Logger } from '../../core/logger.js';
import type { MediaStore } from '../../core/ports.js';
import type { JobCard } from '../shared/job-card.js';
import type { JobItem } from '../shared/job-coalescer.js';
import { shouldUpload } from '../shared/media-delivery.js';
import { renderJobMessage, type SlackImage } from './blocks/job-blocks.js';
import { type MediaMode, slackShowable } from './blocks/media-image.js';
import { link } from './blocks/mrkdwn.js';
import { slackErrorCode } from './error-boundary.js';
import { uploadImage } from './image-upload.js';
import { encodeReplyRef, messageIdOf, type SlackMessageRef } from './message-ref.js';

/**
 * Waits before each try of a card showing a fresh upload: Slack processes files v2 uploads asynchronously and
 * refuses the new id in an image block ("invalid slack file", invalid_blocks) for about a second
 * (python-slack-sdk#1521), so the first try waits that second and later ones back off; 8 s in all, then
 * the card goes out without the image. A file uploaded earlier is tried at once.
 */
export const PROCESSING_WAITS_MS = [1_000, 1_000, 2_000, 4_000] as const;

export interface CardUpdateDeps {
  client: webApi.WebClient;
  service: Pick<GenerationService, 'attachMessage'>;
  store: MediaStore;
  mediaMode: MediaMode;
  log: Logger;
  /** Overrides PROCESSING_WAITS_MS (tests). */
  processingWaitsMs?: readonly number[];
}

/**
 * Edits a job's card (chat.update) so that a finished job always ends showing its image or saying why not:
 * 1. a linked image (our storage's public URL) that Slack refuses (invalid_blocks: it could not download
 *    it, or it is not PNG/JPEG/GIF) is uploaded instead;
 * 2. an uploaded file's id is retried with bounded backoff while Slack is still processing it;
 * 3. when neither works, the card goes out without the image block, saying so, with a link to the image.
 * Any other error is thrown (the coalescer retries it).
 */
export function createCardUpdater(deps: CardUpdateDeps) {
  const { client, log } = deps;
  const waits = deps.processingWaitsMs ?? PROCESSING_WAITS_MS;

  const update = (target: SlackMessageRef, card: JobCard, image?: SlackImage, note?: string) =>
    client.chat.update({ channel: target.channel, ts: target.ts, ...renderJobMessage(card, image, note) });

  /**
   * The job's uploaded file (fresh: uploaded just now): uploaded once, recorded with the message so a
   * deletion removes it too.
   */
  async function upload(
    item: JobItem,
    target: SlackMessageRef,
    card: JobCard,
  ): Promise<{ fileId: string; fresh: boolean } | undefined> {
    if (target.fileId) return { fileId: target.fileId, fresh: false };
    const jobId = item.generation.id;
    let fileId: string;
    try {
      fileId = await uploadImage(client, deps.store, item.generation, card.title);
    } catch (error) {
      log.warn({ err: error, jobId }, 'image upload failed; the card links the image');
      return undefined;
    }
    target.fileId = fileId;
    await deps.service
      .attachMessage(jobId, messageIdOf(target), encodeReplyRef(target))
      .catch((e: unknown) => log.warn({ err: e, jobId }, 'could not record the uploaded file'));
    return { fileId, fresh: true };
  }

  /** Shows an uploaded file, waiting out Slack's processing of a fresh one; false when it never took. */
  async function updateWithFile(
    target: SlackMessageRef,
    card: JobCard,
    file: { fileId: string; fresh: boolean },
  ): Promise<boolean> {
    // A fresh file waits before its first try; one uploaded earlier is tried at once. Each refusal moves on
    // to the next wait, until there is none left.
    for (let next = file.fresh ? 0 : -1; ; next++) {
      if (next >= 0) {
        const wait = waits[next];
        if (wait === undefined) {
          log.warn({ fileId: file.fileId }, 'Slack still refuses the uploaded image; the card links it');
          return false;
        }
        // Unreferenced: a stopping bot does not stay up for it.
        await sleep(wait, undefined, { ref: false });
      }
      try {
        await update(target, card, { slackFileId: file.fileId });
        return true;
      } catch (error) {
        if (slackErrorCode(error) !== 'invalid_blocks') throw error;
      }
    }
  }

  return async function showCard(target: SlackMessageRef, item: JobItem, card: JobCard): Promise<void> {
    const { generation } = item;
    if (item.update.kind !== 'done') {
      await update(target, card);
      return;
    }
    const shown = slackShowable(generation, false);
    if (shown?.url && !shouldUpload(deps.mediaMode, generation.imageUrl ?? shown.url)) {
      try {
        await update(target, card, { imageUrl: shown.url });
        return;
      } catch (error) {
        if (slackErrorCode(error) !== 'invalid_blocks') throw error;
        log.warn({ err: error, jobId: generation.id }, 'Slack could not show the linked image; uploading it');
      }
    }
    const file = shown ? await upload(item, target, card) : undefined;
    if (file && (await updateWithFile(target, card, file))) return;
    const note = generation.imageUrl
      ? `🖼️ Slack could not show the image here: ${link(generation.imageUrl, 'open the image')}`
      : undefined;
    await update(target, card, undefined, note);
  };
}
