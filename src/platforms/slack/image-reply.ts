import type { Logger } from '../../core/logger.js';
import type { SlackMessage } from './blocks/job-blocks.js';

const isImage = (el: unknown): boolean =>
  typeof el === 'object' && el !== null && (el as { type?: unknown }).type === 'image';

/** Whether a message shows any image (image blocks, section accessories, context elements). */
export function hasImages(message: SlackMessage): boolean {
  return message.blocks.some(
    (b) =>
      isImage(b) ||
      ('accessory' in b && isImage(b.accessory)) ||
      (b.type === 'context' && b.elements.some(isImage)),
  );
}

/**
 * Sends an answer that shows images (the gallery's thumbnails, the style browser's examples); when Slack
 * refuses it, sends it again without them. Slack downloads every image_url as the message is posted and
 * refuses the whole message when one fails (invalid_blocks, "downloading image failed"); a response_url
 * says only "404" then (Bolt's RespondError carries the status alone), so any refusal of a message with
 * images gets the second try. A refusal of the answer without images is thrown.
 */
export async function replyShowingImages(
  reply: (message: SlackMessage) => Promise<unknown>,
  render: (withImages: boolean) => SlackMessage,
  log: Logger,
): Promise<void> {
  const full = render(true);
  try {
    await reply(full);
  } catch (error) {
    if (!hasImages(full)) throw error;
    log.warn({ err: error }, 'Slack refused an answer with images; sending it without them');
    await reply(render(false));
  }
}
