import { describe, expect, it } from 'vitest';
import { objectKeysFor } from '../../../../src/core/generation/object-keys.js';

describe('objectKeysFor', () => {
  const id = '0b7e4a2c-5d1f-4c8e-9a3b-2f6d8e1c7a90';

  it('derives both keys from the generation id, so storing again overwrites instead of duplicating', () => {
    const createdAt = Date.parse('2026-11-21T12:00:00Z');
    const first = objectKeysFor({ id, createdAt }, 'image/png', 'image/jpeg');
    const again = objectKeysFor({ id, createdAt }, 'image/png', 'image/jpeg');
    expect(first).toEqual(again);
    expect(first).toEqual({ image: `images/2026/11/${id}.png`, thumb: `thumbs/2026/11/${id}.jpg` });
  });

  it('pads the month and uses UTC, whatever the host time zone', () => {
    const keys = objectKeysFor(
      { id, createdAt: Date.parse('2026-03-31T23:30:00-05:00') },
      'image/jpeg',
      'image/jpeg',
    );
    expect(keys.image).toBe(`images/2026/04/${id}.jpg`);
  });

  it('picks each extension from its content type: png (image) or jpg (thumbnail) when unknown', () => {
    expect(objectKeysFor({ id, createdAt: 0 }, 'image/webp', 'image/jpeg').image).toMatch(/\.webp$/);
    expect(objectKeysFor({ id, createdAt: 0 }, 'application/octet-stream', 'x').image).toMatch(/\.png$/);
    // The thumbnail's name says its format: Slack shows thumbnails only when they are PNG, JPEG or GIF.
    expect(objectKeysFor({ id, createdAt: 0 }, 'image/png', 'image/jpeg').thumb).toMatch(/\.jpg$/);
    expect(objectKeysFor({ id, createdAt: 0 }, 'image/png', 'image/webp').thumb).toMatch(/\.webp$/);
  });
});
