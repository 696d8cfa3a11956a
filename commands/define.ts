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
import { groupGatherer, type OptionChoice, type OptionSpec, specsOf } from './options.js';

export type { LeafOptionSpec, OptionChoice, OptionSpec, SubcommandSpec } from './options.js';
export { SUBCOMMAND } from './options.js';

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

/** What both platforms see of a command: its declaration, its options' chat form, and a way to run it. */
export interface CommandDefinition {
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
  /** Suggestions for an autocomplete option, given what was typed so far. */
  complete?(
    option: string,
    typed: string,
    raw: Record<string, unknown>,
    catalogs: CatalogRegistry,
  ): OptionChoice[];
  /** The options as chat platforms offer them (derived from the declaration, once per registry). */
  options(catalogs: CatalogRegistry): readonly OptionSpec[];
  /** Validates raw option values (a UserError naming each problem) and binds them to the handler. */
  prepare(raw: Record<string, unknown>, catalogs: CatalogRegistry): PreparedCommand;
}

export interface PreparedCommand {
  /** The validated input, as the handler gets it. */
  readonly input: unknown;
  run(ctx: CommandContext): Promise<CommandResult>;
}

type Declaration<S extends z.ZodType> = Omit<CommandDefinition, 'options' | 'prepare'> & {
  /** Built with commands/options.ts: `chatOptions({ … })`, or a union of `subcommand(…)`s. */
  options: S;
  handle(input: z.output<S>, ctx: CommandContext): Promise<CommandResult>;
};

/** A declared command: the platform view plus its typed schema and handler. */
export type TypedCommand<Input> = CommandDefinition & {
  parse(raw: Record<string, unknown>, catalogs: CatalogRegistry): Input;
  handle(input: Input, ctx: CommandContext): Promise<CommandResult>;
};

/**
 * Declares a command once: the handler's input type is the options schema's output. Deriving the chat
 * form and the catalog-dependent gathering costs milliseconds and parsing runs before every
 * acknowledgement: both are built once per catalog registry.
 */
export function defineCommand<S extends z.ZodType>(declaration: Declaration<S>): TypedCommand<z.output<S>> {
  const { options: schema, ...rest } = declaration;
  const built = new WeakMap<CatalogRegistry, Built>();
  const build = (catalogs: CatalogRegistry): Built => {
    let entry = built.get(catalogs);
    if (!entry) {
      entry = { specs: specsOf(schema, catalogs), groups: groupGatherer(schema, catalogs) };
      built.set(catalogs, entry);
    }
    return entry;
  };
  const parse = (raw: Record<string, unknown>, catalogs: CatalogRegistry): z.output<S> => {
    const { groups } = build(catalogs);
    const gathered = groups.gather(raw);
    const result = schema.safeParse(gathered.raw);
    if (result.success && gathered.clashes.length === 0) return result.data;
    throw invalidInput(declaration.name, result.error?.issues ?? [], gathered.clashes, groups.keys);
  };
  return {
    ...rest,
    options: (catalogs) => build(catalogs).specs,
    parse,
    prepare(raw, catalogs) {
      const input = parse(raw, catalogs);
      return { input, run: (ctx) => declaration.handle(input, ctx) };
    },
  };
}

interface Built {
  specs: OptionSpec[];
  groups: ReturnType<typeof groupGatherer>;
}

/** One UserError naming each problem; a gathered option (a dimension) is named as people typed it. */
function invalidInput(
  command: string,
  issues: readonly z.core.$ZodIssue[],
  clashes: readonly string[],
  groupKeys: ReadonlySet<string>,
): UserError {
  const problems: string[] = [];
  let unknown = [...clashes];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') unknown = [...unknown, ...issue.keys];
    else {
      const path = groupKeys.has(String(issue.path[0])) ? issue.path.slice(1) : issue.path;
      problems.push(`${path.map((p) => shorten(String(p))).join('.') || 'input'}: ${issue.message}`);
    }
  }
  if (unknown.length > 0) {
    // Keys come from the caller: echo a few, briefly (a pasted wall would not fit in a chat reply).
    const shown = unknown.slice(0, 5).map(shorten);
    const more = unknown.length > shown.length ? ` and ${unknown.length - shown.length} more` : '';
    problems.push(`unknown option${unknown.length > 1 ? 's' : ''} ${shown.join(', ')}${more}`);
  }
  return new UserError('invalid_input', `Invalid /${command}: ${problems.join('; ')}.`);
}

/** At most 40 characters of caller-supplied text, cut on a code point boundary. */
function shorten(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : text;
}
