import type { Generation } from '../../../core/types.js';
import { shouldUpload } from '../../shared/media-delivery.js';
import { refOf } from '../message-ref.js';
import type { SlackImage } from './job-blocks.js';

export type MediaMode = 'auto' | 'link' | 'upload';

/**
 * Slack's image blocks show PNG, JPEG and GIF only (https://docs.slack.dev/reference/block-kit/blocks/image-block;
 * a WebP URL is refused as invalid_blocks, node-slack-sdk#1482), for linked and uploaded images alike. A
 * stored object's key ends in its format: new thumbnails are JPEG, older ones WebP, and a result may be WebP.
 */
const SHOWN_IN_SLACK = /\.(png|jpe?g|gif)$/i;
const showable = (key: string | null): key is string => key !== null && SHOWN_IN_SLACK.test(key);

/**
 * The stored object Slack can show for a result: the thumbnail first when `thumb`, else the full image,
 * falling back to the other. A record from before thumbnails were JPEG (a WebP thumbnail) shows its full
 * image in the gallery when that is PNG or JPEG; a WebP result shows its JPEG thumbnail. Undefined when
 * neither can be shown (an old WebP result): Slack gets a link only.
 */
export function slackShowable(
  generation: Pick<Generation, 'imageKey' | 'imageUrl' | 'thumbKey' | 'thumbUrl'>,
  thumb: boolean,
): { key: string; url: string | null } | undefined {
  const full = showable(generation.imageKey)
    ? { key: generation.imageKey, url: generation.imageUrl }
    : undefined;
  const small = showable(generation.thumbKey)
    ? { key: generation.thumbKey, url: generation.thumbUrl }
    : undefined;
  return thumb ? (small ?? full) : (full ?? small);
}

/**
 * How a stored image can appear in Slack: linked by our public URL (the thumbnail when `thumb`), or, when
 * Slack could not fetch that URL, the file uploaded with the job's message (uploadImage uploads the same
 * showable object). Undefined when neither works.
 */
export function imageFor(generation: Generation, mode: MediaMode, thumb: boolean): SlackImage | undefined {
  const shown = slackShowable(generation, thumb);
  if (!shown) return undefined;
  if (shown.url && !shouldUpload(mode, generation.imageUrl ?? shown.url)) return { imageUrl: shown.url };
  const fileId = generation.platform === 'slack' ? refOf(generation)?.fileId : undefined;
  return fileId ? { slackFileId: fileId } : undefined;
}
