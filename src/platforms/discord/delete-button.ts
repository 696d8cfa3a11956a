import { ButtonStyle, ComponentType, type MessageComponentInteraction, MessageFlags } from 'discord.js';
import { UserError } from '../../core/errors.js';
import { type CustomId, encodeCustomId } from './custom-ids.js';
import { type DiscordRuntime, discordRequester } from './runtime.js';

type DeleteId = Extract<CustomId, { kind: 'delete' | 'delete-yes' | 'delete-keep' }>;

const noMentions = { parse: [] };

/**
 * The card's Delete button: a private "Delete / Keep" confirmation first (only for the requester or an
 * admin), then the deletion itself. The card's message goes when the core reports the deletion.
 */
export async function handleDeleteButton(
  rt: DiscordRuntime,
  interaction: MessageComponentInteraction,
  id: DeleteId,
): Promise<void> {
  if (id.kind === 'delete-keep') {
    await interaction.update({ content: 'Kept. Nothing was deleted.', components: [] });
    return;
  }
  const actor = discordRequester(interaction);
  if (id.kind === 'delete-yes') {
    // The confirmation is private: edit it in place once the deletion is done.
    await interaction.deferUpdate();
    await rt.deps.deletion.deleteGeneration(id.generationId, actor);
    await interaction.editReply({
      content: '🗑️ Deleted. The image is gone from chat and storage.',
      components: [],
    });
    return;
  }
  const job = await rt.deps.service.get(id.generationId);
  if (job?.platform !== 'discord' || job.status === 'deleted')
    throw new UserError('not_found', 'That image is no longer in the history.');
  if (job.userId !== actor.userId && !actor.admin) {
    await interaction.reply({
      content: `Only <@${job.userId}> or a server admin can delete this image.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: noMentions,
    });
    return;
  }
  await interaction.reply({
    content: 'Delete this image? It is removed from this channel and from storage, for good.',
    flags: MessageFlags.Ephemeral,
    allowedMentions: noMentions,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Delete',
            custom_id: encodeCustomId({ kind: 'delete-yes', generationId: job.id }),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Keep',
            custom_id: encodeCustomId({ kind: 'delete-keep', generationId: job.id }),
          },
        ],
      },
    ],
  });
}
