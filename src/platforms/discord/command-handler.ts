import { type AutocompleteInteraction, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { CommandResult } from '../../../commands/define.js';
import { findCommand } from '../../../commands/index.js';
import { UserError } from '../../core/errors.js';
import { requirePermissions, sequenceNeeds, uploadsImages } from './bot-permissions.js';
import { rawOptions } from './command-options.js';
import { showGallery } from './gallery-handler.js';
import { openMenu } from './menu-handler.js';
import { replyOptions, textMessage } from './render/outgoing.js';
import { type DiscordRuntime, discordRequester } from './runtime.js';
import { showSequence } from './sequence.js';
import { showStyles } from './styles-handler.js';

/**
 * A slash command: options are checked first (pure, synchronous: a typo is answered privately at once),
 * then the reply is deferred before any database or provider work, then the command runs and its
 * platform-neutral result is shown.
 */
export async function handleCommand(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!command) throw new UserError('not_found', `/${interaction.commandName} is not available any more.`);
  const requester = discordRequester(interaction);
  // Discord shows admin commands to Manage Server holders only, but server owners can widen that.
  if (command.adminOnly && !requester.admin)
    throw new UserError(
      'forbidden',
      `Only members with the Manage Server permission can use /${command.name} in this server.`,
    );
  const input = rt.parseOptions(command, rawOptions(interaction));
  // A sequence's frames are posted in a thread with the bot token: refused before anything is paid for if
  // the bot may not (app_permissions: what Discord computed for this channel). A reply needs nothing: it
  // goes through the interaction token, which works whatever the channel's permissions.
  if (command.showsJobsIn === 'thread' && interaction.inGuild()) {
    const place = { inThread: interaction.channel?.isThread() ?? false, uploads: uploadsImages(rt) };
    requirePermissions(
      interaction.appPermissions,
      sequenceNeeds(place),
      `post the images of /${command.name} in a thread`,
    );
  }
  // With the response: the deferred reply's message id, recorded with the job before its first edit.
  const deferred = await interaction.deferReply({
    ...(command.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    withResponse: true,
  });
  // Other commands' acknowledgements go out before this one's (synchronous) database work.
  await rt.turns.turn();
  const result = await command.handle(input, rt.deps.commandContext(requester));
  await presentResult(rt, interaction, result, deferred.resource?.message?.id);
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
    command?.complete?.(focused.name, String(focused.value), rawOptions(interaction), rt.deps.catalogs) ?? [];
  await interaction.respond(choices.slice(0, 25));
}
