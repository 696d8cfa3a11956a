import type { Generation } from '../../../core/types.js';
import { shouldUpload } from '../../shared/media-delivery.js';
import { refOf } from '../message-ref.js';
import type { SlackImage } from './job-blocks.js';

export type MediaMode = 'auto' | 'link' | 'upload';

/**
 * How a stored image can appear in Slack: linked by our public URL (the thumbnail when `thumb`), or, when
 * Slack could not fetch that URL, the file uploaded with the job's message. Undefined when neither works.
 */
export function imageFor(generation: Generation, mode: MediaMode, thumb: boolean): SlackImage | undefined {
  const url = (thumb ? generation.thumbUrl : undefined) ?? generation.imageUrl;
  if (!url) return undefined;
  if (!shouldUpload(mode, generation.imageUrl ?? url)) return { imageUrl: url };
  const fileId = generation.platform === 'slack' ? refOf(generation)?.fileId : undefined;
  return fileId ? { slackFileId: fileId } : undefined;
}
