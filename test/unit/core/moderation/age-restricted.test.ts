import { describe, expect, it } from 'vitest';
import {
  isAgeRestricted,
  withoutAgeRestrictedImage,
} from '../../../../src/core/moderation/age-restricted.js';
import { contractGeneration } from '../../../contract/render-contract.js';

describe('age-restricted images', () => {
  const ordinary = contractGeneration({
    status: 'done',
    imageKey: 'images/a.png',
    thumbKey: 'thumbs/a.webp',
  });

  it('are images made where NSFW was allowed, flagged or not (the checker was off there)', () => {
    expect(isAgeRestricted(ordinary)).toBe(false);
    expect(isAgeRestricted({ ...ordinary, nsfwAllowed: true })).toBe(true);
    expect(isAgeRestricted({ ...ordinary, statusDetail: 'nsfw' })).toBe(true);
    expect(isAgeRestricted({ ...ordinary, nsfwAllowed: true, status: 'blocked' })).toBe(false);
  });

  it('lose every link to their image where they may not be shown; others stay as they are', () => {
    expect(withoutAgeRestrictedImage(ordinary)).toBe(ordinary);
    const hidden = withoutAgeRestrictedImage({ ...ordinary, nsfwAllowed: true });
    expect(hidden).toMatchObject({ imageUrl: null, thumbUrl: null, imageKey: null, thumbKey: null });
    expect(hidden.id).toBe(ordinary.id);
  });
});
