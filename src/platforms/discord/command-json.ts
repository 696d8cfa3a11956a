import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionSpec } from '../../../commands/define.js';
import { commands as allCommands } from '../../../commands/index.js';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';

/** Discord's registration rules: 32-character lowercase names, 100-character descriptions, 25 of each list. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const MAX = 25;

const clip = (text: string, max = 100) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export class CommandJsonError extends Error {
  override readonly name = 'CommandJsonError';
}

function toOption(command: string, spec: OptionSpec): APIApplicationCommandBasicOption {
  if (!NAME.test(spec.name))
    throw new CommandJsonError(
      `/${command} option "${spec.name}" cannot be a Discord option name (lowercase, at most 32 characters)`,
    );
  const base = {
    name: spec.name,
    description: clip(spec.description || spec.name),
    required: spec.required ?? false,
  };
  switch (spec.kind) {
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(spec.min !== undefined ? { min_value: spec.min } : {}),
        ...(spec.max !== undefined ? { max_value: spec.max } : {}),
      };
    case 'string': {
      const choices = spec.choices ?? [];
      const common = {
        ...base,
        type: ApplicationCommandOptionType.String as const,
        ...(spec.maxLength !== undefined ? { max_length: Math.min(6000, spec.maxLength) } : {}),
      };
      // More than 25 fixed values cannot be choices: Discord asks the bot as the user types instead.
      if (spec.autocomplete || choices.length > MAX) return { ...common, autocomplete: true };
      if (choices.length === 0) return common;
      return {
        ...common,
        choices: choices.map((c) => ({ name: clip(c.name), value: c.value.slice(0, 100) })),
      };
    }
  }
}

/** One command's Discord JSON, derived from its declarative definition. */
export function toDiscordCommand(
  command: CommandDefinition<unknown>,
  catalogs: CatalogRegistry,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = command.options(catalogs).map((spec) => toOption(command.name, spec));
  if (options.length > MAX)
    throw new CommandJsonError(`/${command.name} has ${options.length} options; Discord allows ${MAX}`);
  // Discord wants required options first; the order among each group is kept.
  options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: clip(command.description),
    options,
    contexts: [InteractionContextType.Guild],
  } satisfies RESTPostAPIApplicationCommandsJSONBody;
}

/** Every command of `commands/` as Discord command JSON. */
export function discordCommands(
  catalogs: CatalogRegistry,
  commands: readonly CommandDefinition<never>[] = allCommands,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => toDiscordCommand(c as CommandDefinition<unknown>, catalogs));
}
