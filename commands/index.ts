/** The explicit list of chat commands; both adapters read it (no directory scanning). */
import { atelierCommand } from './atelier.js';
import type { CommandDefinition } from './define.js';
import { galleryCommand } from './gallery.js';
import { generateCommand } from './generate.js';
import { quotaCommand } from './quota.js';
import { sequenceCommand } from './sequence.js';
import { stylesCommand } from './styles.js';

export const commands: readonly CommandDefinition[] = [
  generateCommand,
  galleryCommand,
  stylesCommand,
  sequenceCommand,
  quotaCommand,
  atelierCommand,
];

export function findCommand(name: string): CommandDefinition | undefined {
  return commands.find((c) => c.name === name);
}

export type {
  CommandContext,
  CommandDefinition,
  CommandResult,
  GalleryView,
  LeafOptionSpec,
  OptionSpec,
  PreparedCommand,
  SubcommandSpec,
  TypedCommand,
} from './define.js';
export { SUBCOMMAND } from './define.js';
