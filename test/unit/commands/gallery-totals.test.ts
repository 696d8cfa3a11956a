import { describe, expect, it } from 'vitest';
import { pagesText, totalText } from '../../../commands/gallery.js';

describe('gallery totals', () => {
  it('shows an exact count as it is and a capped one as a lower bound', () => {
    expect(totalText({ total: 87 })).toBe('87');
    expect(totalText({ total: 4321, more: false })).toBe('4,321');
    expect(totalText({ total: 10_000, more: true })).toBe('10,000+');
  });

  it('marks the page count open-ended while more images lie past the counted ones', () => {
    expect(pagesText({ page: 2, pages: 18, result: {} })).toBe('2/18');
    expect(pagesText({ page: 2, pages: 2000, result: { more: true } })).toBe('2/2,000+');
  });
});
