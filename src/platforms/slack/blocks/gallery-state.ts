import { z } from 'zod';
import { UserError } from '../../../core/errors.js';

/** What a gallery page shows, carried in its buttons so paging needs no server-side session. */
export interface GalleryState {
  userId: string;
  catalogId: string | undefined;
  filters: Record<string, string>;
  page: number;
}

const USER = /^[\w.-]{1,64}$/;
const schema = z.object({
  u: z.string().regex(USER),
  c: z.string().max(40).optional(),
  f: z.record(z.string().max(40), z.string().max(100)).default({}),
  p: z.number().int().min(1).max(100_000),
});

const outdated = () => new UserError('invalid_input', 'This gallery is out of date. Run /gallery again.');

export const encodeGalleryState = (s: GalleryState): string =>
  JSON.stringify({ u: s.userId, ...(s.catalogId ? { c: s.catalogId } : {}), f: s.filters, p: s.page });

export function decodeGalleryState(value: string | undefined): GalleryState {
  try {
    const { u, c, f, p } = schema.parse(JSON.parse(value ?? ''));
    return { userId: u, catalogId: c, filters: f, page: p };
  } catch {
    throw outdated();
  }
}

/** The filter menus' block id names whose gallery they filter (Slack sends the block id with each choice). */
export const filterBlockId = (userId: string, catalogId: string | undefined) =>
  `gallery-filters|${userId}|${catalogId ?? ''}`;

export function readFilterBlockId(blockId: string): { userId: string; catalogId: string | undefined } {
  const [kind, userId, catalogId] = blockId.split('|');
  if (kind !== 'gallery-filters' || !userId || !USER.test(userId)) throw outdated();
  return { userId, catalogId: catalogId || undefined };
}

/** The "any" entry of a filter menu. */
export const ANY = '*';
