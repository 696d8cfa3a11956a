/**
 * The declarative command model both chat adapters derive their formats from: Discord derives command
 * JSON, Slack derives its manifest, modals and selects. Handlers are platform-neutral: they call the core
 * and return a result the adapter renders.
 */
import type { z } from 'zod';
import type { AdminService } from '../src/core/admin/admin-service.js';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import type { Catalog } from '../src/core/catalog/schema.js';
import type { DeletionService } from '../src/core/deletion/deletion-types.js';
import { UserError } from '../src/core/errors.js';
import type { GenerationService } from '../src/core/generation/generation-service.js';
import type { Generation, Page, Requester } from '../src/core/types.js';

export interface OptionChoice {
  name: string;
  value: string;
}

/** An option that takes a value (what a subcommand holds). */
export type LeafOptionSpec =
  | {
      kind: 'string';
      name: string;
      description: string;
      required?: boolean;
      maxLength?: number;
      choices?: OptionChoice[];
      /** Values come from `complete()`: used when choices depend on other options or exceed 25. */
      autocomplete?: boolean;
    }
  | { kind: 'integer'; name: string; description: string; required?: boolean; min?: number; max?: number }
  | { kind: 'user'; name: string; description: string; required?: boolean };

/**
 * One verb of a command with several (`/atelier ban …`): the adapters pass the chosen one to the schema
 * as `raw[SUBCOMMAND]`, its options beside it. A command lists either subcommands or plain options.
 */
export interface SubcommandSpec {
  kind: 'subcommand';
  name: string;
  description: string;
  options: LeafOptionSpec[];
}

export type OptionSpec = LeafOptionSpec | SubcommandSpec;

/** The raw option key that carries the chosen subcommand's name. */
export const SUBCOMMAND = 'subcommand';

export interface CommandContext {
  service: GenerationService;
  catalogs: CatalogRegistry;
  requester: Requester;
  /** Signed, expiring link to the web gallery for a user (undefined until the web gallery exists). */
  /** Whether this requester's channel may show age-restricted images (NSFW_POLICY and an NSFW channel). */
  showAgeRestricted?: boolean;
  galleryLink?: (platform: Requester['platform'], workspaceId: string, userId: string) => string;
  /** Workspace settings, bans, pause, stats and usage (/atelier). */
  admin?: AdminService;
  /** Deleting results (/atelier purge). */
  deletion?: DeletionService;
}

export interface GalleryView {
  userId: string;
  catalogId: string | undefined;
  filters: Record<string, string>;
  page: number;
  pageSize: number;
  result: Page<Generation>;
  pages: number;
  fullGalleryUrl: string | undefined;
}

export type CommandResult =
  /** Jobs were started: the adapter shows each one's live status. */
  | { type: 'jobs'; generations: Generation[]; thread?: string }
  /** Some dimensions are missing: the adapter asks for them (select menus / a modal). */
  | {
      type: 'choose';
      catalog: Catalog;
      given: Record<string, string>;
      missing: string[];
      extra: string | undefined;
      seed: number | undefined;
      aspect: string | undefined;
    }
  | { type: 'gallery'; view: GalleryView }
  | { type: 'styles'; catalog: Catalog; examples: Generation[]; selected: string | undefined }
  | { type: 'text'; text: string };

export interface CommandDefinition<Input> {
  name: string;
  description: string;
  /** Replies only the caller sees (Discord ephemeral, Slack ephemeral) by default. */
  ephemeral: boolean;
  /**
   * Only workspace admins (requester.admin) may run it: Discord registers it for Manage Server holders,
   * both adapters refuse anyone else before running it.
   */
  adminOnly?: boolean;
  /**
   * Where the paid jobs it may start are shown: in the command's own reply, or in a thread of new messages
   * under it. Adapters check that they can post there before it runs (Slack: the bot is in the channel;
   * Discord: its permissions), so no job is paid for whose result cannot be shown.
   */
  showsJobsIn?: 'reply' | 'thread';
  options(catalogs: CatalogRegistry): OptionSpec[];
  schema(catalogs: CatalogRegistry): z.ZodType<Input>;
  handle(input: Input, ctx: CommandContext): Promise<CommandResult>;
  /** Suggestions for an autocomplete option, given what was typed so far. */
  complete?(
    option: string,
    typed: string,
    raw: Record<string, unknown>,
    catalogs: CatalogRegistry,
  ): OptionChoice[];
}

export function defineCommand<Input>(definition: CommandDefinition<Input>): CommandDefinition<Input> {
  return definition;
}

/** Validates raw option values with the command's schema; problems become one UserError naming each. */
export function parseOptions<Input>(
  command: CommandDefinition<Input>,
  raw: Record<string, unknown>,
  catalogs: CatalogRegistry,
): Input {
  const result = schemaFor(command, catalogs).safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map((p) => shorten(String(p))).join('.') || 'input';
    if (issue.code !== 'unrecognized_keys') return `${field}: ${issue.message}`;
    // Keys come from the caller: echo a few, briefly (a pasted wall would not fit in a chat reply).
    const shown = issue.keys.slice(0, 5).map(shorten);
    const more = issue.keys.length > shown.length ? ` and ${issue.keys.length - shown.length} more` : '';
    return `unknown option${issue.keys.length > 1 ? 's' : ''} ${shown.join(', ')}${more}`;
  });
  throw new UserError('invalid_input', `Invalid /${command.name}: ${problems.join('; ')}.`);
}

/**
 * Building a command's zod schema costs milliseconds, parsing with a built one a fraction of that, and
 * parsing runs before every acknowledgement: build once per catalog registry and command.
 */
const schemas = new WeakMap<CatalogRegistry, WeakMap<object, z.ZodType<unknown>>>();

function schemaFor<Input>(command: CommandDefinition<Input>, catalogs: CatalogRegistry): z.ZodType<Input> {
  let byCommand = schemas.get(catalogs);
  if (!byCommand) {
    byCommand = new WeakMap();
    schemas.set(catalogs, byCommand);
  }
  let schema = byCommand.get(command);
  if (!schema) {
    schema = command.schema(catalogs) as z.ZodType<unknown>;
    byCommand.set(command, schema);
  }
  return schema as z.ZodType<Input>;
}

/** At most 40 characters of caller-supplied text, cut on a code point boundary. */
function shorten(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : text;
}
