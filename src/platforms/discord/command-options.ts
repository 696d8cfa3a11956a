import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
} from 'discord.js';
import { type CommandDefinition, parseOptions } from '../../../commands/define.js';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';

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

/**
 * parseOptions with each command's schema built once: building a zod schema costs milliseconds, parsing
 * with a built one a fraction of that, and this runs before every defer.
 */
export function createOptionParser(catalogs: CatalogRegistry) {
  const ready = new Map<string, CommandDefinition<unknown>>();
  return <Input>(command: CommandDefinition<Input>, raw: Record<string, unknown>): Input => {
    let fast = ready.get(command.name);
    if (!fast) {
      const schema = command.schema(catalogs);
      fast = { ...(command as CommandDefinition<unknown>), schema: () => schema };
      ready.set(command.name, fast);
    }
    return parseOptions(fast as CommandDefinition<Input>, raw, catalogs);
  };
}

export type OptionParser = ReturnType<typeof createOptionParser>;
