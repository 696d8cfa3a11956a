import type { types } from '@slack/bolt';
import type { GalleryView } from '../../../../commands/define.js';
import { pagesText, totalText } from '../../../../commands/gallery.js';
import type { CatalogRegistry } from '../../../core/catalog/load-catalogs.js';
import type { Catalog } from '../../../core/catalog/schema.js';
import { AGE_RESTRICTED_NOTE, isAgeRestricted } from '../../../core/moderation/age-restricted.js';
import type { Generation } from '../../../core/types.js';
import { describeOptions } from '../../shared/job-card.js';
import { ACTION, LIMITS } from '../ids.js';
import { ANY, encodeGalleryState, filterBlockId } from './gallery-state.js';
import type { SlackImage, SlackMessage } from './job-blocks.js';
import { escapeWithin, link, mrkdwn, plainText, slackDate } from './mrkdwn.js';

export interface GalleryRenderDeps {
  catalogs: CatalogRegistry;
  imageFor(generation: Generation): SlackImage | undefined;
}

function filterMenus(view: GalleryView, catalog: Catalog): types.ActionsBlock {
  const elements = catalog.dimensions.slice(0, LIMITS.actionsElements).map((d): types.StaticSelect => {
    const any: types.PlainTextOption = {
      text: plainText(`Any ${d.label.toLowerCase()}`, LIMITS.optionText),
      value: ANY,
    };
    const options = [
      any,
      ...d.options.slice(0, LIMITS.selectOptions - 1).map((o) => ({
        text: plainText(o.label, LIMITS.optionText),
        value: o.id.slice(0, LIMITS.optionValue),
      })),
    ];
    const current = options.find((o) => o.value === view.filters[d.id]) ?? any;
    return {
      type: 'static_select',
      action_id: `${ACTION.galleryFilterPrefix}${d.id}`,
      placeholder: plainText(d.label, LIMITS.placeholder),
      options,
      initial_option: current,
    };
  });
  return { type: 'actions', block_id: filterBlockId(view.userId, view.catalogId), elements };
}

function itemBlock(item: Generation, deps: GalleryRenderDeps): types.SectionBlock {
  const catalog = deps.catalogs.has(item.catalogId) ? deps.catalogs.get(item.catalogId) : undefined;
  const params = describeOptions(catalog, item.options);
  const style = catalog
    ? params[Object.keys(item.options).indexOf(catalog.styleDimension)]?.value
    : undefined;
  const title = `${catalog?.name ?? item.catalogId}${style ? ` · ${style}` : ''}${item.parentId ? ' (re-roll)' : ''}`;
  const lines = [
    `*${escapeWithin(title, 300)}*`,
    escapeWithin(params.map((p) => `${p.label}: ${p.value}`).join(' · '), 1500),
    item.extra ? `>${escapeWithin(item.extra, 400)}` : '',
    isAgeRestricted(item) && !item.imageUrl ? AGE_RESTRICTED_NOTE : '',
    `${slackDate(item.createdAt)} · seed ${item.seed}${item.imageUrl ? ` · ${link(item.imageUrl, 'full image')}` : ''}`,
  ].filter(Boolean);
  const image = deps.imageFor(item);
  const alt = escapeWithin(title, LIMITS.altText);
  return {
    type: 'section',
    text: mrkdwn(lines.join('\n')),
    ...(image
      ? {
          accessory:
            'slackFileId' in image
              ? { type: 'image', slack_file: { id: image.slackFileId }, alt_text: alt }
              : { type: 'image', image_url: image.imageUrl, alt_text: alt },
        }
      : {}),
  };
}

function pager(view: GalleryView): types.ActionsBlock | undefined {
  const state = { userId: view.userId, catalogId: view.catalogId, filters: view.filters };
  const buttons: types.Button[] = [];
  if (view.page > 1)
    buttons.push({
      type: 'button',
      action_id: `${ACTION.galleryPage}:prev`,
      text: plainText('◀ Previous', LIMITS.buttonText),
      value: encodeGalleryState({ ...state, page: view.page - 1 }),
    });
  if (view.page < view.pages)
    buttons.push({
      type: 'button',
      action_id: `${ACTION.galleryPage}:next`,
      text: plainText('Next ▶', LIMITS.buttonText),
      value: encodeGalleryState({ ...state, page: view.page + 1 }),
    });
  if (view.fullGalleryUrl)
    buttons.push({
      type: 'button',
      action_id: ACTION.galleryOpen,
      text: plainText('Open full gallery', LIMITS.buttonText),
      url: view.fullGalleryUrl,
    });
  return buttons.length > 0 ? { type: 'actions', block_id: 'gallery-pager', elements: buttons } : undefined;
}

/** /gallery as an ephemeral message: filter menus, one section per image with its thumbnail, paging. */
export function renderGallery(view: GalleryView, deps: GalleryRenderDeps): SlackMessage {
  const catalog = deps.catalogs.get(view.catalogId ?? deps.catalogs.defaultId);
  const { items } = view.result;
  const filtered = Object.keys(view.filters).length > 0;
  const heading = `*Images by <@${view.userId}>* · ${totalText(view.result)} in all · page ${pagesText(view)}`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: mrkdwn(heading) }, filterMenus(view, catalog)];
  if (items.length === 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(
        filtered
          ? 'No images match these filters. Pick “Any” in a menu to widen the search.'
          : 'No images yet. Make one with `/generate` — it will show up here.',
      ),
    });
  for (const item of items) blocks.push({ type: 'divider' }, itemBlock(item, deps));
  const buttons = pager(view);
  if (buttons) blocks.push(buttons);
  blocks.push({ type: 'context', elements: [mrkdwn(`Page ${pagesText(view)}`)] });
  const text = items.length === 0 ? 'No images to show.' : `Gallery: page ${view.page} of ${view.pages}`;
  return { text, blocks: blocks.slice(0, LIMITS.messageBlocks) };
}
