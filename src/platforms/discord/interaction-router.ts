import { Events, type Interaction, MessageFlags } from 'discord.js';
import { handleAutocomplete, handleCommand } from './command-handler.js';
import { parseCustomId } from './custom-ids.js';
import { handleDeleteButton } from './delete-button.js';
import { withBoundary } from './error-boundary.js';
import { handleGalleryPage } from './gallery-handler.js';
import { handleJobButton } from './job-buttons.js';
import { handleMenuComponent } from './menu-handler.js';
import type { DiscordRuntime } from './runtime.js';
import { handleStylePick } from './styles-handler.js';

/** Routes every interaction to its handler inside the adapter's one error boundary. */
export function registerInteractions(rt: DiscordRuntime, accepting: () => boolean): void {
  rt.client.on(Events.InteractionCreate, (interaction) => {
    void dispatch(rt, interaction, accepting());
  });
}

async function dispatch(rt: DiscordRuntime, interaction: Interaction, accepting: boolean): Promise<void> {
  if (interaction.isAutocomplete()) {
    await handleAutocomplete(rt, interaction).catch((e: unknown) =>
      rt.log.debug({ err: e, command: interaction.commandName }, 'autocomplete failed'),
    );
    return;
  }
  const name = interaction.isChatInputCommand()
    ? interaction.commandName
    : interaction.isMessageComponent()
      ? interaction.customId
      : String(interaction.type);
  const log = rt.log.child({ interaction: name, userId: interaction.user.id });
  await withBoundary(interaction, log, { interactionId: interaction.id }, async () => {
    if (!accepting) {
      if (interaction.isRepliable())
        await interaction.reply({
          content: 'Atelier is restarting. Please try again in a minute.',
          flags: MessageFlags.Ephemeral,
        });
      return;
    }
    if (interaction.isChatInputCommand()) return handleCommand(rt, interaction);
    if (!interaction.isMessageComponent()) return;
    const id = parseCustomId(interaction.customId);
    switch (id?.kind) {
      case 'pick':
      case 'page':
      case 'go':
      case 'cancel':
        return handleMenuComponent(rt, interaction, id);
      case 'gallery':
        return handleGalleryPage(rt, interaction, id);
      case 'style':
        return handleStylePick(rt, interaction, id);
      case 'reroll':
      case 'retry':
        return handleJobButton(rt, interaction, id);
      case 'delete':
      case 'delete-yes':
      case 'delete-keep':
        return handleDeleteButton(rt, interaction, id);
      default:
        // An old or disabled control: acknowledge so the client stops spinning.
        await interaction.deferUpdate();
    }
  });
}
