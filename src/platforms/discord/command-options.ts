import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from 'discord.js';
import { SUBCOMMAND } from '../../../commands/define.js';

/**
 * Option values by name, as the command definitions' schemas read them (users by id); the chosen
 * subcommand's name under SUBCOMMAND.
 */
export function rawOptions(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.Subcommand) out[SUBCOMMAND] = option.name;
      if (option.options) walk(option.options);
      else if (option.value !== undefined) out[option.name] = option.value;
    }
  };
  walk(interaction.options.data);
  return out;
}
