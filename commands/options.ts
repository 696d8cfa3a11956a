/**
 * The option builder: each command declares its options once, as zod schemas made here. The schema is
 * what validates (and, through z.output, types the handler's input); what a builder records beside it is
 * how chat platforms offer the option (a LeafOptionSpec: Discord derives its command JSON from it, Slack
 * its text parser and usage hint). Required-ness is read from the schema itself, so the two cannot differ.
 */
import { z } from 'zod';
import type { CatalogRegistry } from '../src/core/catalog/load-catalogs.js';
import type { Catalog } from '../src/core/catalog/schema.js';

export interface OptionChoice {
  name: string;
  value: string;
}

/** An option that takes a value (what a subcommand holds), as chat platforms offer it. */
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

/** The chat form(s) of one declared option, given its name, whether it is required, and the catalogs. */
type Offer = (name: string, required: boolean, catalogs: CatalogRegistry) => LeafOptionSpec[];

type Schema = z.core.$ZodType;

const offers = new WeakMap<Schema, Offer>();
/** Options standing for a catalog-dependent set of raw options, gathered into one record. */
const groups = new WeakSet<Schema>();
const subcommandInfo = new WeakMap<Schema, { name: string; description: string }>();

function offered<S extends z.ZodType>(schema: S, offer: Offer): S {
  offers.set(schema, offer);
  return schema;
}

const requiredFlag = (required: boolean) => (required ? { required: true } : {});

/** Free text, at most `maxLength` characters (`tooLong`: the message when it is longer). */
export function text(description: string, limits: { maxLength: number; tooLong?: string; trim?: boolean }) {
  const base = limits.trim ? z.string().trim() : z.string();
  return offered(base.max(limits.maxLength, limits.tooLong), (name, required) => [
    { kind: 'string', name, description, ...requiredFlag(required), maxLength: limits.maxLength },
  ]);
}

/**
 * Text in a format `schema` reads (a count, an amount); its pattern bounds the length, `maxLength` is what
 * a platform that can enforces while people type.
 */
export function formatted<S extends z.ZodType<unknown, string>>(
  description: string,
  maxLength: number,
  schema: S,
): S {
  return offered(schema, (name, required) => [
    { kind: 'string', name, description, ...requiredFlag(required), maxLength },
  ]);
}

/** A whole number in [min, max]; Slack sends digits as text, hence the coercion. */
export function integer(description: string, range: { min: number; max: number }) {
  return offered(z.coerce.number().int().min(range.min).max(range.max), (name, required) => [
    { kind: 'integer', name, description, ...requiredFlag(required), min: range.min, max: range.max },
  ]);
}

/** One of fixed values, offered as choices named by their values. */
export function choice<const V extends readonly [string, ...string[]]>(
  description: string,
  values: V,
  message?: string,
) {
  return offered(z.enum(values, message === undefined ? undefined : { message }), (name, required) => [
    {
      kind: 'string',
      name,
      description,
      ...requiredFlag(required),
      choices: values.map((v) => ({ name: v, value: v })),
    },
  ]);
}

/** A person, by platform user id (Discord sends the id; Slack a mention the parser turns into one). */
export function user(description: string) {
  return offered(
    z
      .string()
      .trim()
      .regex(/^[\w.-]{1,64}$/, 'expected a user'),
    (name, required) => [{ kind: 'user', name, description, ...requiredFlag(required) }],
  );
}

/** Discord allows 25 choices per option. */
const MAX_CHOICES = 25;

/**
 * A catalog id. Offered as choices only when there are several catalogs to choose `among` (all of them by
 * default); with one, it is still accepted, just not offered.
 */
export function catalogPicker(
  description: (catalogs: CatalogRegistry) => string,
  among: (catalogs: CatalogRegistry) => Catalog[] = (catalogs) => catalogs.list(),
) {
  return offered(z.string().max(40), (name, required, catalogs) => {
    const list = among(catalogs);
    if (list.length < 2) return [];
    const choices = list.slice(0, MAX_CHOICES).map((c) => ({ name: c.name.slice(0, 100), value: c.id }));
    return [{ kind: 'string', name, description: description(catalogs), ...requiredFlag(required), choices }];
  });
}

/**
 * The catalogs' dimensions, one raw option each (named by the dimension id, as `specs` offers them),
 * gathered into one record of chosen values: `{ style: 'comic-book', pose: 'waving' }`. Values are checked
 * against the catalog by the core (with a did-you-mean), not here.
 */
export function dimensionGroup(specs: (catalogs: CatalogRegistry) => LeafOptionSpec[]) {
  const schema = offered(
    z.record(z.string(), z.string().trim().min(1).max(100)),
    (_name, _required, catalogs) => specs(catalogs),
  );
  groups.add(schema);
  return schema;
}

/** A command's plain options; unknown ones are refused. */
export const chatOptions = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/** One verb of a command with several, its options beside the `subcommand` key. */
export function subcommand<const N extends string, S extends z.ZodRawShape>(
  name: N,
  description: string,
  shape: S,
) {
  const schema = z.strictObject({ [SUBCOMMAND]: z.literal(name), ...shape });
  subcommandInfo.set(schema, { name, description });
  return schema;
}

/** A command's verbs: the chosen one is read from `raw[SUBCOMMAND]`, and must be one of them. */
type Verb = z.core.$ZodTypeDiscriminable & Schema;

export function subcommands<const T extends readonly [Verb, ...Verb[]]>(options: T) {
  const names = options.flatMap((o) => {
    const object = objectOf(o);
    const info = object && subcommandInfo.get(object);
    return info ? [info.name] : [];
  });
  return z.discriminatedUnion(SUBCOMMAND, options, { error: `expected one of ${names.join(', ')}` });
}

/** The unwrapped schemas an option may be wrapped in: optional, default, or the input side of a pipe. */
function inner(schema: Schema): Schema | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return schema.unwrap();
  if (schema instanceof z.ZodPipe) return schema.in;
  return undefined;
}

function find<T>(schema: Schema, lookup: (s: Schema) => T | undefined): T | undefined {
  for (let s: Schema | undefined = schema; s; s = inner(s)) {
    const found = lookup(s);
    if (found !== undefined) return found;
  }
  return undefined;
}

function leavesOf(object: z.ZodObject, catalogs: CatalogRegistry): LeafOptionSpec[] {
  return Object.entries(object.shape).flatMap(([name, field]) => {
    const offer = find(field, (s) => offers.get(s));
    // Whatever accepts nothing at all is required; options with defaults are not.
    return offer ? offer(name, !z.safeParse(field, undefined).success, catalogs) : [];
  });
}

const objectOf = (schema: Schema) => find(schema, (s) => (s instanceof z.ZodObject ? s : undefined));

/** How chat platforms offer a command's options, in declared order (options not offered are left out). */
export function specsOf(schema: Schema, catalogs: CatalogRegistry): OptionSpec[] {
  const union = find(schema, (s) => (s instanceof z.ZodDiscriminatedUnion ? s : undefined));
  if (union)
    return union.options.flatMap((option): SubcommandSpec[] => {
      const object = objectOf(option);
      const info = object && subcommandInfo.get(object);
      return object && info ? [{ kind: 'subcommand', ...info, options: leavesOf(object, catalogs) }] : [];
    });
  const object = objectOf(schema);
  return object ? leavesOf(object, catalogs) : [];
}

/**
 * Raw option maps name each dimension on its own (`style`); the schema reads them under their group's
 * key (`dimensions`). `clashes`: raw options named like a group's key, which no platform offers.
 */
export function groupGatherer(schema: Schema, catalogs: CatalogRegistry) {
  const object = objectOf(schema);
  const grouped = Object.entries(object?.shape ?? {}).flatMap(([key, field]) => {
    const group = find(field, (s) => (groups.has(s) ? s : undefined));
    const offer = group && offers.get(group);
    return offer ? [{ key, names: new Set(offer(key, false, catalogs).map((s) => s.name)) }] : [];
  });
  const keys: ReadonlySet<string> = new Set(grouped.map((g) => g.key));
  return {
    keys,
    gather(raw: Record<string, unknown>): { raw: Record<string, unknown>; clashes: string[] } {
      if (grouped.length === 0) return { raw, clashes: [] };
      const records = new Map<string, [string, unknown][]>(grouped.map((g) => [g.key, []]));
      const rest: [string, unknown][] = [];
      const clashes: string[] = [];
      for (const [name, value] of Object.entries(raw)) {
        const group = grouped.find((g) => g.names.has(name));
        // An absent value (undefined) means the option was not given, as for any optional option.
        if (group) {
          if (value !== undefined) records.get(group.key)?.push([name, value]);
        } else if (keys.has(name)) clashes.push(name);
        else rest.push([name, value]);
      }
      // fromEntries defines own properties: a raw `__proto__` stays a (refused) key, never a prototype.
      const gathered = [...records].map(([key, entries]) => [key, Object.fromEntries(entries)] as const);
      return { raw: Object.fromEntries([...gathered, ...rest]), clashes };
    },
  };
}
