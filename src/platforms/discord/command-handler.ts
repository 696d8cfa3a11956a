import { type AutocompleteInteraction, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { CommandResult } from '../../../commands/define.js';
import { commands, findCommand } from '../../../commands/index.js';
import { runCommand } from '../shared/command-runner.js';
import { requirePermissions, sequenceNeeds, uploadsImages } from './bot-permissions.js';
import { rawOptions } from './command-options.js';
import { explainDiscord, tellPrivately } from './error-boundary.js';
import { showGallery } from './gallery-handler.js';
import { openMenu } from './menu-handler.js';
import { replyOptions, textMessage } from './render/outgoing.js';
import { type DiscordRuntime, discordRequester } from './runtime.js';
import { showSequence } from './sequence.js';
import { showStyles } from './styles-handler.js';

/** A slash command, through the shared runner: Discord's part is reading options, deferring and showing. */
export async function handleCommand(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  await runCommand(
    {
      commands,
      catalogs: rt.deps.core.catalogs,
      commandContext: (requester) => rt.deps.commandContext(requester),
      turns: rt.turns,
    },
    {
      name: interaction.commandName,
      requester: discordRequester(interaction),
      log: rt.log.child({ interaction: interaction.commandName, userId: interaction.user.id }),
      context: { interactionId: interaction.id },
      readOptions: () => rawOptions(interaction),
      // Discord shows admin commands to Manage Server holders only, but server owners can widen that.
      notAdmin: (command) =>
        `Only members with the Manage Server permission can use /${command.name} in this server.`,
      check(command) {
        // A sequence's frames are posted in a thread with the bot token: refused before anything is paid
        // for if the bot may not (app_permissions: what Discord computed for this channel). A reply needs
        // nothing: it goes through the interaction token, whatever the channel's permissions.
        if (command.showsJobsIn !== 'thread' || !interaction.inGuild()) return;
        const place = { inThread: interaction.channel?.isThread() ?? false, uploads: uploadsImages(rt) };
        requirePermissions(
          interaction.appPermissions,
          sequenceNeeds(place),
          `post the images of /${command.name} in a thread`,
        );
      },
      async acknowledge(command) {
        // With the response: the deferred reply's message id, recorded with the job before its first edit.
        const deferred = await interaction.deferReply({
          ...(command.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
          withResponse: true,
        });
        return deferred.resource?.message?.id;
      },
      present: (result, replyId) => presentResult(rt, interaction, result, replyId),
      tell: (text) => tellPrivately(interaction, text),
      explain: explainDiscord,
    },
  );
}

async function presentResult(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  result: CommandResult,
  replyId: string | undefined,
): Promise<void> {
  switch (result.type) {
    case 'jobs': {
      if (result.thread || result.generations.length > 1) {
        await showSequence(rt, interaction, result.thread ?? 'Your images', result.generations);
        return;
      }
      const [generation] = result.generations;
      // The deferred reply becomes the job's live message.
      if (generation)
        rt.publisher.follow(generation, {
          channelId: interaction.channelId,
          ...(replyId ? { messageId: replyId } : {}),
          token: interaction.token,
          tokenAt: interaction.createdTimestamp,
        });
      return;
    }
    case 'choose':
      await openMenu(rt, interaction, result);
      return;
    case 'gallery':
      await showGallery(rt, interaction, result.view);
      return;
    case 'styles':
      await showStyles(rt, interaction, result);
      return;
    case 'text':
      await interaction.editReply(replyOptions(textMessage(result.text)));
      return;
  }
}

/** Suggestions while someone types an autocomplete option; failures only cost the suggestions. */
export async function handleAutocomplete(
  rt: DiscordRuntime,
  interaction: AutocompleteInteraction,
): Promise<void> {
  const command = findCommand(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const choices =
    command?.complete?.(
      focused.name,
      String(focused.value),
      rawOptions(interaction),
      rt.deps.core.catalogs,
    ) ?? [];
  await interaction.respond(choices.slice(0, 25));
}
