import { z } from 'zod';
import { UserError } from '../src/core/errors.js';
import { withoutAgeRestrictedImage } from '../src/core/moderation/age-restricted.js';
import { HISTORY_COUNT_LIMIT, type Page } from '../src/core/types.js';
import { type CommandContext, defineCommand, type GalleryView } from './define.js';
import { catalogChoiceOption, completeDimension, dimensionOptions } from './dimension-options.js';
import { chatOptions, dimensionGroup, user } from './options.js';

export const GALLERY_PAGE_SIZE = 5;

/** A user's finished images, newest first, filterable by any dimension. */
export const galleryCommand = defineCommand({
  name: 'gallery',
  description: 'Browse your images (or someone else’s), newest first, with filters',
  ephemeral: true,
  options: chatOptions({
    user: user('Whose images to show (default: yours)').optional(),
    filters: dimensionGroup((catalogs) =>
      dimensionOptions(catalogs).map((o) => ({
        ...o,
        description: `Only images with this ${o.name}`.slice(0, 100),
      })),
    ),
    catalog: catalogChoiceOption().optional(),
    // Not offered: the page buttons carry it.
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  }),
  complete: completeDimension,
  async handle(input, ctx) {
    const catalog = input.catalog ? ctx.catalogs.get(input.catalog) : undefined;
    const filters: Record<string, string> = {};
    if (Object.keys(input.filters).length > 0) {
      // Filters are validated against a catalog so a typo gets a did-you-mean instead of an empty page.
      const target = catalog ?? ctx.catalogs.get(ctx.catalogs.defaultId);
      const built = ctx.service.validate({ catalogId: target.id, options: input.filters });
      for (const key of Object.keys(input.filters)) filters[key] = built.options[key]!;
      if (!catalog && target.id !== ctx.catalogs.defaultId)
        throw new UserError('invalid_input', 'Pick a catalog to filter by.');
    }
    const userId = input.user ?? ctx.requester.userId;
    const page = await galleryPage(
      ctx,
      userId,
      catalog?.id ?? (Object.keys(filters).length ? ctx.catalogs.defaultId : undefined),
      filters,
      input.page,
    );
    return { type: 'gallery', view: page };
  },
});

export async function galleryPage(
  ctx: CommandContext,
  userId: string,
  catalogId: string | undefined,
  filters: Record<string, string>,
  page: number,
): Promise<GalleryView> {
  const { platform, workspaceId } = ctx.requester;
  const result = await ctx.service.history({
    userId,
    platform,
    workspaceId,
    ...(catalogId ? { catalogId } : {}),
    filters,
    limit: GALLERY_PAGE_SIZE,
    offset: (page - 1) * GALLERY_PAGE_SIZE,
    countLimit: HISTORY_COUNT_LIMIT,
  });
  if (!ctx.showAgeRestricted) result.items = result.items.map(withoutAgeRestrictedImage);
  const pages = Math.max(1, Math.ceil(result.total / GALLERY_PAGE_SIZE));
  return {
    userId,
    catalogId,
    filters,
    page: Math.min(page, pages),
    pageSize: GALLERY_PAGE_SIZE,
    result,
    pages,
    fullGalleryUrl: ctx.galleryLink?.(platform, workspaceId, userId),
  };
}

/** A page's total as shown: "1,234", or "10,000+" when the count stopped early (Page.more). */
export const totalText = (result: Pick<Page<unknown>, 'total' | 'more'>): string =>
  `${result.total.toLocaleString('en')}${result.more ? '+' : ''}`;

/** "3/12", or "3/2,000+" while more images lie past the counted ones. */
export const pagesText = (view: { page: number; pages: number; result: { more?: boolean } }): string =>
  `${view.page}/${view.pages.toLocaleString('en')}${view.result.more ? '+' : ''}`;
