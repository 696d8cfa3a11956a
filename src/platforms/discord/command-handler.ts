import { type AutocompleteInteraction, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { CommandResult } from '../../../commands/define.js';
import { commands, findCommand } from '../../../commands/index.js';
import type { Requester } from '../../core/types.js';
import { runCommand } from '../shared/command-runner.js';
import { requirePermissions, sequenceNeeds, uploadsImages } from './bot-permissions.js';
import { rawOptions } from './command-options.js';
import { explainDiscord, tellPrivately } from './error-boundary.js';
import { showGallery } from './gallery-handler.js';
import { openMenu } from './menu-handler.js';
import { replyOptions, textMessage } from './render/outgoing.js';
import { encodeRef } from './reply-ref.js';
import { type DiscordRuntime, discordRequester } from './runtime.js';
import { showSequence, type ThreadOpener } from './sequence.js';
import { showStyles } from './styles-handler.js';

/** A slash command, through the shared runner: Discord's part is reading options, deferring and showing. */
export async function handleCommand(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  await runCommand(
    {
      commands,
      catalogs: rt.deps.catalogs,
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
      async acknowledge(command): Promise<Ack> {
        // With the response: the deferred reply's message id, recorded with the job before its first edit.
        const deferred = await interaction.deferReply({
          ...(command.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
          withResponse: true,
        });
        const replyId = deferred.resource?.message?.id;
        // A thread's frames wait for it (its name comes with the result); nothing waits once the command ends.
        const openThread = command.showsJobsIn === 'thread' ? rt.jobMessages.gate(interaction.id) : undefined;
        return { ...(replyId ? { replyId } : {}), ...(openThread ? { openThread } : {}) };
      },
      placeJobs: (command, ack) => jobPlace(interaction, command.showsJobsIn, ack.replyId),
      present: (result, ack) => presentResult(rt, interaction, result, ack.openThread),
      settle: (ack) => ack.openThread?.((ref) => ref),
      tell: (text) => tellPrivately(interaction, text),
      explain: explainDiscord,
    },
  );
}

/** What the acknowledgement leaves for the later steps. */
interface Ack {
  replyId?: string;
  openThread?: ThreadOpener;
}

/**
 * Where the jobs a command starts are shown, recorded with them: the deferred reply (a single job), or
 * new messages in a thread of it that is opened once the command answered (the frames of a sequence).
 */
function jobPlace(
  interaction: ChatInputCommandInteraction,
  showsJobsIn: 'reply' | 'thread' | undefined,
  replyId: string | undefined,
): Pick<Requester, 'messageId' | 'replyRef'> {
  const token = { token: interaction.token, tokenAt: interaction.createdTimestamp };
  if (showsJobsIn === 'thread')
    return {
      replyRef: encodeRef({ channelId: interaction.channelId, gate: interaction.id, fallback: token }),
    };
  if (showsJobsIn !== 'reply') return {};
  return {
    ...(replyId ? { messageId: replyId } : {}),
    replyRef: encodeRef({ channelId: interaction.channelId, ...token }),
  };
}

async function presentResult(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  result: CommandResult,
  openThread: ThreadOpener | undefined,
): Promise<void> {
  switch (result.type) {
    case 'jobs': {
      // A single job's deferred reply already is its live message (the machine edits it).
      if (result.thread || result.generations.length > 1)
        await showSequence(rt, interaction, result.thread ?? 'Your images', result.generations, openThread);
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
