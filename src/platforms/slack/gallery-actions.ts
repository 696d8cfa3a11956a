import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { GalleryView } from '../../../commands/define.js';
import { galleryPage } from '../../../commands/gallery.js';
import { stylesCommand } from '../../../commands/styles.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { renderGallery } from './blocks/gallery-blocks.js';
import { ANY, decodeGalleryState, readFilterBlockId } from './blocks/gallery-state.js';
import { buildGenerateModal } from './blocks/generate-modal.js';
import { renderStyles } from './blocks/styles-blocks.js';
import { replyWith } from './command-router.js';
import { withBoundary } from './error-boundary.js';
import { ACTION } from './ids.js';
import { replyShowingImages } from './image-reply.js';
import { type SlackRuntime, slackRequester } from './runtime.js';

type Body = BlockAction<ButtonAction | StaticSelectAction>;

/** Only filters our menus could have produced: known dimensions and options of the catalog. */
function knownFilters(catalog: Catalog, values: Record<string, string>): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [dimensionId, optionId] of Object.entries(values)) {
    const dimension = catalog.dimensions.find((d) => d.id === dimensionId);
    if (optionId !== ANY && dimension?.options.some((o) => o.id === optionId))
      filters[dimensionId] = optionId;
  }
  return filters;
}

/** The ephemeral gallery's paging buttons and filter menus, and the style browser's menu and button. */
export function registerGalleryActions(app: App, rt: SlackRuntime): void {
  const { catalogs } = rt.deps;
  const context = (body: Body) => {
    const channel = body.channel?.id ?? String(body.container.channel_id ?? '');
    return rt.deps.commandContext(
      slackRequester(
        body.team?.id ?? body.user.team_id ?? '',
        channel,
        body.user.id,
        rt.deps.config.admin.slackAdminUserIds,
      ),
    );
  };
  const guard = (
    name: string,
    body: Body,
    respond: Parameters<typeof replyWith>[0],
    fn: () => Promise<void>,
  ) =>
    withBoundary(
      rt.deps.log.child({ platform: 'slack', action: name, userId: body.user.id }),
      {},
      (text) => respond({ response_type: 'ephemeral', text, replace_original: false }),
      fn,
    );

  const showGallery = (view: GalleryView, respond: Parameters<typeof replyWith>[0]) =>
    replyShowingImages(
      replyWith(respond, { replace: true }),
      (withImages) =>
        renderGallery(view, { catalogs, imageFor: (g) => (withImages ? rt.imageFor(g, true) : undefined) }),
      rt.deps.log,
    );

  app.action<Body>({ action_id: /^gallery:page:/ }, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('gallery:page', body, respond, async () => {
      const state = decodeGalleryState(action.type === 'button' ? action.value : undefined);
      const view = await galleryPage(context(body), state.userId, state.catalogId, state.filters, state.page);
      await showGallery(view, respond);
    });
  });

  app.action<Body>({ action_id: ACTION.galleryFilter }, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('gallery:filter', body, respond, async () => {
      const { userId, catalogId } = readFilterBlockId(action.block_id);
      const catalog = catalogs.get(catalogId ?? catalogs.defaultId);
      const chosen: Record<string, string> = {};
      for (const [actionId, value] of Object.entries(body.state?.values[action.block_id] ?? {}))
        if (actionId.startsWith(ACTION.galleryFilterPrefix) && value.selected_option?.value)
          chosen[actionId.slice(ACTION.galleryFilterPrefix.length)] = value.selected_option.value;
      if (action.type === 'static_select')
        chosen[action.action_id.slice(ACTION.galleryFilterPrefix.length)] = action.selected_option.value;
      const filters = knownFilters(catalog, chosen);
      const scope = catalogId ?? (Object.keys(filters).length > 0 ? catalogs.defaultId : undefined);
      const view = await galleryPage(context(body), userId, scope, filters, 1);
      await showGallery(view, respond);
    });
  });

  // The "open full gallery" button is a link; Slack still sends the click, which needs an ack.
  app.action(ACTION.galleryOpen, async ({ ack }) => ack());

  app.action<Body>(ACTION.stylesPick, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('styles:pick', body, respond, async () => {
      const catalogId = action.block_id.startsWith('styles|') ? action.block_id.slice(7) : undefined;
      const style = action.type === 'static_select' ? action.selected_option.value : undefined;
      const result = await stylesCommand.handle({ catalog: catalogId, style }, context(body));
      if (result.type === 'styles')
        await replyShowingImages(
          replyWith(respond, { replace: true }),
          (withImages) => renderStyles(result, (g) => (withImages ? rt.imageFor(g, false) : undefined)),
          rt.deps.log,
        );
    });
  });

  app.action<Body>(ACTION.stylesGenerate, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('styles:generate', body, respond, async () => {
      const { c, s } = JSON.parse(action.type === 'button' ? (action.value ?? '{}') : '{}') as {
        c?: string;
        s?: string;
      };
      const catalog = catalogs.get(c ?? catalogs.defaultId);
      const styleOk = catalog.dimensions
        .find((d) => d.id === catalog.styleDimension)
        ?.options.some((o) => o.id === s);
      await rt.client.views.open({
        trigger_id: body.trigger_id,
        view: buildGenerateModal({
          catalog,
          given: styleOk && s ? { [catalog.styleDimension]: s } : {},
          extra: undefined,
          seed: undefined,
          aspect: undefined,
          channelId: context(body).requester.channelId,
        }),
      });
    });
  });
}
