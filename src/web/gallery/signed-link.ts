import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Platform } from '../../core/types.js';

/** Whose gallery a link opens, and until when (ms since the epoch). */
export interface GalleryClaims {
  platform: Platform;
  workspaceId: string;
  userId: string;
  expiresAt: number;
}

export const GALLERY_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const GALLERY_PATH = '/gallery';
/** Query parameters that carry the identity; everything else (filters, page) is free to change. */
export const SIGNATURE_PARAMS = ['p', 'w', 'u', 'exp', 'sig'] as const;

const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'cli', 'web'];
const MAX_ID_LENGTH = 128;

// A JSON array keeps the fields apart whatever characters ids contain; 'v1' lets the format change later.
const payload = (platform: string, workspaceId: string, userId: string, exp: number) =>
  JSON.stringify(['atelier-gallery-v1', platform, workspaceId, userId, exp]);

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/** The identity part of a gallery URL: `p=…&w=…&u=…&exp=…&sig=…` (exp in whole seconds). */
export function signatureParams(claims: GalleryClaims, secret: string): URLSearchParams {
  const exp = Math.floor(claims.expiresAt / 1000);
  return new URLSearchParams({
    p: claims.platform,
    w: claims.workspaceId,
    u: claims.userId,
    exp: String(exp),
    sig: mac(secret, payload(claims.platform, claims.workspaceId, claims.userId, exp)),
  });
}

/** `/gallery?p=…&w=…&u=…&exp=…&sig=…`: the path and query of a signed, expiring gallery link. */
export function signGalleryLink(claims: GalleryClaims, secret: string): string {
  return `${GALLERY_PATH}?${signatureParams(claims, secret).toString()}`;
}

/** The claims of a valid, unexpired link, or null (missing, forged, tampered or expired: no reason given). */
export function verifyGalleryLink(
  url: URL | URLSearchParams | string,
  secret: string,
  now: number,
): GalleryClaims | null {
  const query =
    url instanceof URLSearchParams
      ? url
      : (typeof url === 'string' ? new URL(url, 'http://x') : url).searchParams;
  const [p, w, u, expText, sig] = SIGNATURE_PARAMS.map((name) => query.get(name));
  if (!p || !w || !u || !expText || !sig) return null;
  if (!(PLATFORMS as readonly string[]).includes(p) || w.length > MAX_ID_LENGTH || u.length > MAX_ID_LENGTH)
    return null;
  if (!/^\d{1,12}$/.test(expText)) return null;
  const exp = Number(expText);
  const expected = Buffer.from(mac(secret, payload(p, w, u, exp)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (now >= exp * 1000) return null;
  return { platform: p as Platform, workspaceId: w, userId: u, expiresAt: exp * 1000 };
}

export interface GalleryLinkerOptions {
  secret: string;
  publicBaseUrl: string;
  now: () => number;
}

/** What `/gallery` offers in chat: an absolute, signed link valid for GALLERY_LINK_LIFETIME_MS (24 h). */
export function createGalleryLinker(options: GalleryLinkerOptions) {
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  return (platform: Platform, workspaceId: string, userId: string): string =>
    base +
    signGalleryLink(
      { platform, workspaceId, userId, expiresAt: options.now() + GALLERY_LINK_LIFETIME_MS },
      options.secret,
    );
}
