import type { Generation } from '../types.js';

/**
 * An image made where NSFW is allowed (NSFW_POLICY=nsfw-channels, an age-restricted channel). fal's safety
 * checker is off for those jobs (it would black flagged images out), so nothing says whether such an image is
 * safe: all of them stay where they were made.
 */
export const isAgeRestricted = (g: Pick<Generation, 'status' | 'statusDetail' | 'nsfwAllowed'>): boolean =>
  g.status === 'done' && (g.nsfwAllowed || g.statusDetail === 'nsfw');

/** Shown where age-restricted images may not appear (other channels, the web gallery): the record without its image. */
export function withoutAgeRestrictedImage(g: Generation): Generation {
  if (!isAgeRestricted(g)) return g;
  return { ...g, imageUrl: null, thumbUrl: null, imageKey: null, thumbKey: null };
}

export const AGE_RESTRICTED_NOTE =
  '🔞 Made in an age-restricted channel: shown only in age-restricted channels.';
