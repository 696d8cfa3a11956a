import type { ButtonInteraction, ChatInputCommandInteraction, MessageComponentInteraction } from 'discord.js';
import type { GalleryView } from '../../../commands/define.js';
import { galleryPage } from '../../../commands/gallery.js';
import type { CustomId } from './custom-ids.js';
import { renderGallery } from './render/gallery-message.js';
import { replyOptions, textMessage } from './render/outgoing.js';
import { type DiscordRuntime, discordRequester } from './runtime.js';

async function render(rt: DiscordRuntime, view: GalleryView, stateId: string, viewerId: string) {
  const thumbs = await Promise.all(view.result.items.map((g, i) => rt.media(g, 'thumb', `thumb-${i + 1}`)));
  return renderGallery({ view, catalogs: rt.deps.catalogs, thumbs, stateId, viewerId });
}

/** /gallery's first page (the reply is already deferred, ephemeral). */
export async function showGallery(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  view: GalleryView,
): Promise<void> {
  const stateId = rt.galleries.put({
    viewerId: interaction.user.id,
    userId: view.userId,
    catalogId: view.catalogId,
    filters: view.filters,
  });
  await interaction.editReply(replyOptions(await render(rt, view, stateId, interaction.user.id)));
}

/** Prev / Next on a gallery message. */
export async function handleGalleryPage(
  rt: DiscordRuntime,
  interaction: MessageComponentInteraction,
  id: Extract<CustomId, { kind: 'gallery' }>,
): Promise<void> {
  const state = rt.galleries.get(id.state);
  if (!state || state.viewerId !== interaction.user.id) {
    await interaction.update(replyOptions(textMessage('⌛ This gallery view expired. Run /gallery again.')));
    return;
  }
  await (interaction as ButtonInteraction).deferUpdate();
  const ctx = rt.deps.commandContext(discordRequester(interaction));
  const view = await galleryPage(ctx, state.userId, state.catalogId, state.filters, Math.max(1, id.page));
  rt.galleries.set(id.state, state);
  await interaction.editReply(replyOptions(await render(rt, view, id.state, interaction.user.id)));
}
