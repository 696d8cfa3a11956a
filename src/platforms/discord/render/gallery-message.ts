import { type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { GalleryView } from '../../../../commands/define.js';
import { pagesText, totalText } from '../../../../commands/gallery.js';
import type { CatalogRegistry } from '../../../core/catalog/load-catalogs.js';
import { AGE_RESTRICTED_NOTE, isAgeRestricted } from '../../../core/moderation/age-restricted.js';
import type { Generation } from '../../../core/types.js';
import { describeOptions } from '../../shared/job-card.js';
import { encodeCustomId } from '../custom-ids.js';
import { literal, type Media, type OutgoingMessage, truncate } from './outgoing.js';

export interface GalleryRender {
  view: GalleryView;
  catalogs: CatalogRegistry;
  /** Thumbnails, index for index with view.result.items. */
  thumbs: Array<Media | undefined>;
  stateId: string;
  viewerId: string;
}

const catalogOf = (catalogs: CatalogRegistry, id: string) =>
  catalogs.has(id) ? catalogs.get(id) : undefined;
const isHttp = (url: string | null): url is string => Boolean(url && /^https?:\/\//.test(url));

function filterText(view: GalleryView, catalogs: CatalogRegistry): string {
  const catalog = view.catalogId ? catalogOf(catalogs, view.catalogId) : undefined;
  const parts = describeOptions(catalog, view.filters).map((p) => `${p.label}: ${p.value}`);
  if (catalog && parts.length === 0) parts.push(catalog.name);
  return parts.join(' · ');
}

function itemEmbed(g: Generation, catalogs: CatalogRegistry, thumb: Media | undefined): APIEmbed {
  const catalog = catalogOf(catalogs, g.catalogId);
  const params = describeOptions(catalog, g.options);
  const style = catalog ? params[Object.keys(g.options).indexOf(catalog.styleDimension)]?.value : undefined;
  const details = params.filter((p) => p.value !== style).map((p) => `${p.label}: ${p.value}`);
  return {
    title: truncate(
      `${catalog?.name ?? g.catalogId}${style ? ` · ${style}` : ''}${g.parentId ? ' (re-roll)' : ''}`,
      256,
    ),
    ...(isHttp(g.imageUrl) ? { url: g.imageUrl } : {}),
    description: truncate(
      [
        literal(details.join(' · '), 1500),
        g.extra ? `> ${literal(g.extra, 300)}` : '',
        isAgeRestricted(g) && !g.imageUrl ? AGE_RESTRICTED_NOTE : '',
      ]
        .filter(Boolean)
        .join('\n'),
      4096,
    ),
    ...(thumb ? { thumbnail: { url: thumb.url } } : {}),
    timestamp: new Date(g.createdAt).toISOString(),
    footer: { text: truncate(`seed ${g.seed} · ${g.model}`, 2048) },
    color: 0x57f287,
  };
}

/** One page of someone's images: an embed per image (5 a page, Discord allows 10), page n/m buttons. */
export function renderGallery(input: GalleryRender): OutgoingMessage {
  const { view, catalogs } = input;
  const whose = view.userId === input.viewerId ? 'Your images' : `Images by <@${view.userId}>`;
  const filters = filterText(view, catalogs);
  const items = view.result.items;
  if (items.length === 0) {
    const empty = filters
      ? `No images match ${filters}. Try /gallery without filters.`
      : view.userId === input.viewerId
        ? 'Nothing here yet. Make your first image with /generate: pick a style, pose and outfit, and it shows up here.'
        : `<@${view.userId}> has no images here yet.`;
    return {
      content: `**${whose}**`,
      embeds: [{ description: empty, color: 0x99aab5 }],
      components: linkRow(view),
      files: [],
    };
  }
  const header = [
    `**${whose}**`,
    `page ${pagesText(view)}`,
    `${totalText(view.result)} in all`,
    filters ? `filters: ${filters}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const buttons: APIButtonComponent[] = [
    pageButton('◀ Prev', input.stateId, view.page - 1, view.page <= 1),
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: `Page ${pagesText(view)}`,
      custom_id: encodeCustomId({ kind: 'noop', state: input.stateId }),
      disabled: true,
    },
    pageButton('Next ▶', input.stateId, view.page + 1, view.page >= view.pages),
    ...(linkRow(view)[0]?.components ?? []),
  ];
  return {
    content: truncate(header, 2000),
    embeds: items.slice(0, 10).map((g, i) => itemEmbed(g, catalogs, input.thumbs[i])),
    components: [{ type: ComponentType.ActionRow, components: buttons }],
    files: input.thumbs.flatMap((t) => (t?.file ? [t.file] : [])),
  };
}

function pageButton(label: string, stateId: string, page: number, disabled: boolean): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label,
    // A disabled button still needs a unique id: clamp into range.
    custom_id: encodeCustomId({ kind: 'gallery', state: stateId, page: Math.max(0, page) }),
    disabled,
  };
}

function linkRow(view: GalleryView) {
  if (!view.fullGalleryUrl) return [];
  return [
    {
      type: ComponentType.ActionRow as const,
      components: [
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Link as const,
          label: 'Open full gallery',
          url: view.fullGalleryUrl,
        },
      ],
    },
  ];
}
