import { z } from 'zod';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import { UserError } from '../src/core/errors.js';
import { withoutAgeRestrictedImage } from '../src/core/moderation/age-restricted.js';
import { HISTORY_COUNT_LIMIT, type Page } from '../src/core/types.js';
import { type CommandContext, defineCommand, type GalleryView } from './define.js';
import { catalogChoiceOption, completeDimension, dimensionOptions } from './dimension-options.js';

export const GALLERY_PAGE_SIZE = 5;

export interface GalleryInput {
  user: string | undefined;
  catalog: string | undefined;
  filters: Record<string, string>;
  page: number;
}

const FIXED = ['user', 'catalog', 'page'];

function gallerySchema(catalogs: CatalogRegistry): z.ZodType<GalleryInput> {
  const shape: Record<string, z.ZodType> = {
    user: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'expected a user')
      .optional(),
    catalog: z.string().max(40).optional(),
    page: z.coerce.number().int().min(1).max(100_000).optional(),
  };
  for (const id of new Set(catalogs.list().flatMap((c) => c.dimensions.map((d) => d.id))))
    shape[id] = z.string().trim().min(1).max(100).optional();
  return z.strictObject(shape).transform((raw) => {
    const filters: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) if (!FIXED.includes(k) && typeof v === 'string') filters[k] = v;
    return {
      user: raw.user as string | undefined,
      catalog: raw.catalog as string | undefined,
      filters,
      page: (raw.page as number | undefined) ?? 1,
    };
  }) as unknown as z.ZodType<GalleryInput>;
}

/** A user's finished images, newest first, filterable by any dimension. */
export const galleryCommand = defineCommand<GalleryInput>({
  name: 'gallery',
  description: 'Browse your images (or someone else’s), newest first, with filters',
  ephemeral: true,
  options: (catalogs) => [
    { kind: 'user', name: 'user', description: 'Whose images to show (default: yours)' },
    ...dimensionOptions(catalogs).map((o) => ({
      ...o,
      description: `Only images with this ${o.name}`.slice(0, 100),
    })),
    ...catalogChoiceOption(catalogs),
  ],
  schema: gallerySchema,
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
