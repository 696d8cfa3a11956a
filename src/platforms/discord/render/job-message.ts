import { type APIButtonComponentWithCustomId, type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { JobCard } from '../../shared/job-card.js';
import { encodeCustomId } from '../custom-ids.js';
import { literal, type Media, type OutgoingMessage, truncate } from './outgoing.js';

/** Discord's embed limits (title 256, description 4096, field value 1024, footer 2048, 25 fields). */
const EXTRA_SHOWN = 1000;
export const DELETE_LABEL = '🗑️ Delete';

/** A job's message: one embed (status, parameters, the image once done) and its action buttons. */
export function renderJobMessage(card: JobCard, image?: Media): OutgoingMessage {
  const description = [card.status, card.extra ? `> ${literal(card.extra, EXTRA_SHOWN)}` : '']
    .filter(Boolean)
    .join('\n\n');
  const url = image?.url ?? card.imageUrl;
  const embed: APIEmbed = {
    title: truncate(card.title, 256),
    description: truncate(description, 4096),
    color: card.color,
    fields: card.params.slice(0, 25).map((p) => ({
      name: truncate(p.label, 256),
      value: literal(p.value, 1024) || '—',
      inline: true,
    })),
    ...(url && card.state === 'done' ? { image: { url } } : {}),
    ...(card.footer ? { footer: { text: truncate(card.footer, 2048) } } : {}),
  };
  const buttons: APIButtonComponentWithCustomId[] = card.actions.map((action) => ({
    type: ComponentType.Button,
    style: action.id === 'retry' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: action.label,
    custom_id: encodeCustomId({ kind: action.id, generationId: card.generationId }),
  }));
  // Finished images can be deleted (owner or admin); the click asks for confirmation first.
  if (card.state === 'done')
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: DELETE_LABEL,
      custom_id: encodeCustomId({ kind: 'delete', generationId: card.generationId }),
    });
  return {
    embeds: [embed],
    components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
    files: image?.file ? [image.file] : [],
  };
}
