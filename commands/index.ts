/** The explicit list of chat commands; both adapters read it (no directory scanning). */
import { atelierCommand } from './atelier.js';
import type { CommandDefinition } from './define.js';
import { galleryCommand } from './gallery.js';
import { generateCommand } from './generate.js';
import { quotaCommand } from './quota.js';
import { sequenceCommand } from './sequence.js';
import { stylesCommand } from './styles.js';

export const commands: readonly CommandDefinition<never>[] = [
  generateCommand,
  galleryCommand,
  stylesCommand,
  sequenceCommand,
  quotaCommand,
  atelierCommand,
] as unknown as readonly CommandDefinition<never>[];

export function findCommand(name: string): CommandDefinition<unknown> | undefined {
  return commands.find((c) => c.name === name) as CommandDefinition<unknown> | undefined;
}

export type {
  CommandContext,
  CommandDefinition,
  CommandResult,
  GalleryView,
  LeafOptionSpec,
  OptionSpec,
  SubcommandSpec,
} from './define.js';
export { parseOptions, SUBCOMMAND } from './define.js';
