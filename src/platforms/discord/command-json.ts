import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, LeafOptionSpec, SubcommandSpec } from '../../../commands/define.js';
import { commands as allCommands } from '../../../commands/index.js';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';

/** Discord's registration rules: 32-character lowercase names, 100-character descriptions, 25 of each list. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const MAX = 25;
/** Manage Server, as the decimal string Discord's default_member_permissions takes ("32"). */
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

const clip = (text: string, max = 100) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export class CommandJsonError extends Error {
  override readonly name = 'CommandJsonError';
}

function checkName(command: string, name: string): void {
  if (!NAME.test(name))
    throw new CommandJsonError(
      `/${command} option "${name}" cannot be a Discord option name (lowercase, at most 32 characters)`,
    );
}

/** A subcommand (SUB_COMMAND) with its own options, required ones first. */
function toSubcommand(command: string, spec: SubcommandSpec): APIApplicationCommandSubcommandOption {
  checkName(command, spec.name);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: clip(spec.description || spec.name),
    options: requiredFirst(spec.options.map((o) => toOption(`${command} ${spec.name}`, o))),
  };
}

function toOption(command: string, spec: LeafOptionSpec): APIApplicationCommandBasicOption {
  checkName(command, spec.name);
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

/** What the command JSON is derived from. */
type DeclaredCommand = Pick<CommandDefinition, 'name' | 'description' | 'adminOnly' | 'options'>;

/** One command's Discord JSON, derived from its declarative definition. */
export function toDiscordCommand(
  command: DeclaredCommand,
  catalogs: CatalogRegistry,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const specs = command.options(catalogs);
  const subcommands = specs.filter((s): s is SubcommandSpec => s.kind === 'subcommand');
  const leaves = specs.filter((s): s is LeafOptionSpec => s.kind !== 'subcommand');
  if (subcommands.length > 0 && leaves.length > 0)
    throw new CommandJsonError(
      `/${command.name} mixes subcommands and options; Discord allows one or the other`,
    );
  const options: APIApplicationCommandOption[] =
    subcommands.length > 0
      ? subcommands.map((spec) => toSubcommand(command.name, spec))
      : requiredFirst(leaves.map((spec) => toOption(command.name, spec)));
  if (options.length > MAX)
    throw new CommandJsonError(`/${command.name} has ${options.length} options; Discord allows ${MAX}`);
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: clip(command.description),
    options,
    contexts: [InteractionContextType.Guild],
    // Admin commands: Discord shows them only to Manage Server holders (server owners can widen that);
    // the handler checks the permission again.
    ...(command.adminOnly ? { default_member_permissions: MANAGE_GUILD } : {}),
  } satisfies RESTPostAPIApplicationCommandsJSONBody;
}

/** Discord wants required options first; the order among each group is kept. */
function requiredFirst(options: APIApplicationCommandBasicOption[]): APIApplicationCommandBasicOption[] {
  if (options.length > MAX)
    throw new CommandJsonError(`an option list has ${options.length} options; Discord allows ${MAX}`);
  return options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
}

/** Every command of `commands/` as Discord command JSON. */
export function discordCommands(
  catalogs: CatalogRegistry,
  commands: readonly DeclaredCommand[] = allCommands,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => toDiscordCommand(c, catalogs));
}
