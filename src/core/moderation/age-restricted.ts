import type { Generation } from '../types.js';

/** An image fal flagged that was posted only because its channel allows NSFW (NSFW_POLICY=nsfw-channels). */
export const isAgeRestricted = (g: Pick<Generation, 'status' | 'statusDetail'>): boolean =>
  g.status === 'done' && g.statusDetail === 'nsfw';

/** Shown where age-restricted images may not appear (other channels, the web gallery): the record without its image. */
export function withoutAgeRestrictedImage(g: Generation): Generation {
  if (!isAgeRestricted(g)) return g;
  return { ...g, imageUrl: null, thumbUrl: null, imageKey: null, thumbKey: null };
}

export const AGE_RESTRICTED_NOTE = '🔞 Age-restricted: shown only in age-restricted channels.';
