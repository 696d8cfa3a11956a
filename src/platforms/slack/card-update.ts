import { setTimeout as sleep } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import type { GenerationService } from '../../core/generation/generation-service.js';
import type { Logger } from '../../core/logger.js';
import type { ObjectStore } from '../../core/ports.js';
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
 * Waits between tries of a card showing a fresh upload: Slack processes files v2 uploads asynchronously and
 * refuses the new id in an image block ("invalid slack file", invalid_blocks) for about a second
 * (python-slack-sdk#1521). 7.5 s in all, then the card goes out without the image.
 */
export const PROCESSING_WAITS_MS = [500, 1_000, 2_000, 4_000] as const;

export interface CardUpdateDeps {
  client: webApi.WebClient;
  service: Pick<GenerationService, 'attachMessage'>;
  store: ObjectStore;
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

  /** The job's uploaded file: uploaded once, recorded with the message so a deletion removes it too. */
  async function upload(item: JobItem, target: SlackMessageRef, card: JobCard): Promise<string | undefined> {
    if (target.fileId) return target.fileId;
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
    return fileId;
  }

  /** Shows an uploaded file, waiting out Slack's processing of a fresh one; false when it never took. */
  async function updateWithFile(target: SlackMessageRef, card: JobCard, fileId: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await update(target, card, { slackFileId: fileId });
        return true;
      } catch (error) {
        if (slackErrorCode(error) !== 'invalid_blocks') throw error;
        const wait = waits[attempt];
        if (wait === undefined) {
          log.warn({ err: error, fileId }, 'Slack still refuses the uploaded image; the card links it');
          return false;
        }
        await sleep(wait);
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
    const fileId = shown ? await upload(item, target, card) : undefined;
    if (fileId && (await updateWithFile(target, card, fileId))) return;
    const note = generation.imageUrl
      ? `🖼️ Slack could not show the image here: ${link(generation.imageUrl, 'open the image')}`
      : undefined;
    await update(target, card, undefined, note);
  };
}
