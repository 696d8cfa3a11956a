import { type MessageComponentInteraction, MessageFlags } from 'discord.js';
import { UserError } from '../../core/errors.js';
import { requirePermissions, rerollNeeds, uploadsImages } from './bot-permissions.js';
import type { CustomId } from './custom-ids.js';
import { startReroll } from './reroll.js';
import { type DiscordRuntime, discordRequester } from './runtime.js';

/** 🔁 Re-roll and Try again on a job's card: the same linked re-roll as the reaction, for the requester only. */
export async function handleJobButton(
  rt: DiscordRuntime,
  interaction: MessageComponentInteraction,
  id: Extract<CustomId, { kind: 'reroll' | 'retry' }>,
): Promise<void> {
  // Acknowledge first: the card stays as it is, the re-roll gets its own message.
  await interaction.deferUpdate();
  const original = await rt.deps.service.get(id.generationId);
  if (original?.platform !== 'discord')
    throw new UserError('not_found', 'That image is no longer in the history.');
  if (original.userId !== interaction.user.id) {
    await interaction.followUp({
      content: `Only <@${original.userId}> can re-roll this image. Run /generate to make your own.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  // The re-roll is posted with the bot token beside the card: refused first if the bot may not.
  if (interaction.inGuild()) {
    const place = { inThread: interaction.channel?.isThread() ?? false, uploads: uploadsImages(rt) };
    requirePermissions(interaction.appPermissions, rerollNeeds(place), 'post the re-roll');
  }
  await startReroll(
    rt,
    original,
    discordRequester(interaction),
    { channelId: interaction.channelId, messageId: interaction.message.id },
    { token: interaction.token, tokenAt: interaction.createdTimestamp },
  );
}
