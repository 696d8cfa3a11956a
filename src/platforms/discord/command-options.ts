import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
} from 'discord.js';

/** Option values by name, as the command definitions' schemas read them (users by id). */
export function rawOptions(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.options) walk(option.options);
      else if (option.value !== undefined) out[option.name] = option.value;
    }
  };
  walk(interaction.options.data);
  return out;
}
