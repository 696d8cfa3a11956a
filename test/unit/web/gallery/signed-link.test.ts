import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createGalleryLinker,
  GALLERY_LINK_LIFETIME_MS,
  type GalleryClaims,
  signGalleryLink,
  verifyGalleryLink,
} from '../../../../src/web/gallery/signed-link.js';

const secret = 'test-secret-0123456789abcdef';
const now = 1_750_000_000_000;
const claims: GalleryClaims = {
  platform: 'discord',
  workspaceId: '1187263544419881010',
  userId: '402938475610293847',
  expiresAt: now + GALLERY_LINK_LIFETIME_MS,
};

const link = (c: GalleryClaims = claims) => new URL(signGalleryLink(c, secret), 'http://x');
const withParam = (url: URL, name: string, value: string | undefined) => {
  const copy = new URL(url);
  if (value === undefined) copy.searchParams.delete(name);
  else copy.searchParams.set(name, value);
  return copy;
};

describe('signed gallery links', () => {
  it('gives /gallery with the identity, expiry and a base64url HMAC, and verifies to the same claims', () => {
    const url = link();
    expect(url.pathname).toBe('/gallery');
    expect([...url.searchParams.keys()]).toEqual(['p', 'w', 'u', 'exp', 'sig']);
    expect(url.searchParams.get('sig')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyGalleryLink(url, secret, now)).toEqual(claims);
    expect(verifyGalleryLink(signGalleryLink(claims, secret), secret, now)).toEqual(claims);
  });

  it.each([
    ['p', 'slack'],
    ['w', '1187263544419881011'],
    ['u', '402938475610293848'],
    ['exp', String(Math.floor(claims.expiresAt / 1000) + 3600)],
  ])('refuses a link whose %s was changed', (name, value) => {
    expect(verifyGalleryLink(withParam(link(), name, value), secret, now)).toBeNull();
  });

  it('refuses forged, truncated and missing signatures, and another secret', () => {
    const url = link();
    const sig = url.searchParams.get('sig')!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verifyGalleryLink(withParam(url, 'sig', flipped), secret, now)).toBeNull();
    expect(verifyGalleryLink(withParam(url, 'sig', sig.slice(0, -1)), secret, now)).toBeNull();
    expect(verifyGalleryLink(withParam(url, 'sig', undefined), secret, now)).toBeNull();
    expect(verifyGalleryLink(url, 'another-secret-0123456789', now)).toBeNull();
    for (const name of ['p', 'w', 'u', 'exp'])
      expect(verifyGalleryLink(withParam(url, name, undefined), secret, now)).toBeNull();
  });

  it('expires at expiresAt (whole seconds), not a moment later', () => {
    const url = link();
    expect(verifyGalleryLink(url, secret, claims.expiresAt - 1)).not.toBeNull();
    expect(verifyGalleryLink(url, secret, claims.expiresAt)).toBeNull();
    expect(verifyGalleryLink(url, secret, claims.expiresAt + 86_400_000)).toBeNull();
  });

  it('ignores filter and page parameters: they are free to change', () => {
    const url = withParam(withParam(link(), 'style', 'comic-book'), 'page', '3');
    expect(verifyGalleryLink(url, secret, now)).toEqual(claims);
  });

  it('refuses unknown platforms and non-numeric expiry even when signed', () => {
    const signedOdd = link({ ...claims, platform: 'teams' as GalleryClaims['platform'] });
    expect(verifyGalleryLink(signedOdd, secret, now)).toBeNull();
    expect(verifyGalleryLink(withParam(link(), 'exp', '1e12'), secret, now)).toBeNull();
  });

  it('keeps fields apart whatever characters ids contain (no ambiguous concatenation)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (w, u) => {
          const c = { ...claims, workspaceId: w, userId: u };
          const url = link(c);
          expect(verifyGalleryLink(url, secret, now)).toEqual(c);
          // Moving a character from one id to the other must break the signature.
          const moved = withParam(withParam(url, 'w', `${w}${u[0]}`), 'u', u.slice(1) || 'x');
          expect(verifyGalleryLink(moved, secret, now)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the linker makes absolute links that last 24 hours from the clock', () => {
    let clock = now;
    const make = createGalleryLinker({ secret, publicBaseUrl: 'https://bot.example.com/', now: () => clock });
    const url = new URL(make('slack', 'T1', 'U1'));
    expect(url.origin + url.pathname).toBe('https://bot.example.com/gallery');
    expect(verifyGalleryLink(url, secret, now)).toEqual({
      platform: 'slack',
      workspaceId: 'T1',
      userId: 'U1',
      expiresAt: now + GALLERY_LINK_LIFETIME_MS,
    });
    clock = now + GALLERY_LINK_LIFETIME_MS;
    expect(verifyGalleryLink(url, secret, clock)).toBeNull();
  });
});
