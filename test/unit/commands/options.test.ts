import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../commands/define.js';
import {
  catalogPicker,
  chatOptions,
  choice,
  dimensionGroup,
  formatted,
  integer,
  subcommand,
  subcommands,
  text,
  user,
} from '../../../commands/options.js';
import { createCatalogRegistry, loadCatalogs } from '../../../src/core/catalog/load-catalogs.js';
import { toDiscordCommand } from '../../../src/platforms/discord/command-json.js';
import { parseCommandText } from '../../../src/platforms/slack/command-text.js';
import { thrownUserError } from '../../helpers/user-error.js';

const two = await loadCatalogs();
const one = createCatalogRegistry([two.get(two.defaultId)]);

/** A command holding one option of every kind the builder makes. */
const probe = defineCommand({
  name: 'probe',
  description: 'Every kind of option',
  ephemeral: true,
  options: chatOptions({
    dims: dimensionGroup(() => [
      { kind: 'string', name: 'style', description: 'Look', autocomplete: true },
      { kind: 'string', name: 'pose', description: 'Pose', choices: [{ name: 'Waving', value: 'waving' }] },
    ]),
    who: user('Whose').optional(),
    note: text('A note', { maxLength: 5, tooLong: 'at most 5' }),
    count: integer('How many', { min: 1, max: 9 }).optional(),
    shape: choice('Shape', ['round', 'square']).default('round'),
    code: formatted(
      'A code',
      4,
      z
        .string()
        .regex(/^\d{1,4}$/, 'digits only')
        .transform(Number),
    ).optional(),
    catalog: catalogPicker(() => 'Catalog').optional(),
    hidden: z.string().optional(),
  }),
  handle: async (input) => ({ type: 'text', text: JSON.stringify(input) }),
});

const json = (catalogs = two) =>
  (toDiscordCommand(probe, catalogs).options ?? []) as unknown as Array<Record<string, unknown>>;
const fromText = (text: string, catalogs = two) =>
  probe.parse(parseCommandText(probe.options(catalogs), text), catalogs);

describe('the option builder: schema, Discord JSON and Slack parser agree', () => {
  it('types the handler input from the declaration', () => {
    expectTypeOf(probe.parse).returns.toEqualTypeOf<{
      dims: Record<string, string>;
      who?: string | undefined;
      note: string;
      count?: number | undefined;
      shape: 'round' | 'square';
      code?: number | undefined;
      catalog?: string | undefined;
      hidden?: string | undefined;
    }>();
  });

  it('offers every option in declared order, required ones first on Discord, hidden ones nowhere', () => {
    expect(probe.options(two).map((o) => o.name)).toEqual([
      'style',
      'pose',
      'who',
      'note',
      'count',
      'shape',
      'code',
      'catalog',
    ]);
    expect(json().map((o) => [o.name, o.type, o.required])).toEqual([
      ['note', ApplicationCommandOptionType.String, true],
      ['style', ApplicationCommandOptionType.String, false],
      ['pose', ApplicationCommandOptionType.String, false],
      ['who', ApplicationCommandOptionType.User, false],
      ['count', ApplicationCommandOptionType.Integer, false],
      ['shape', ApplicationCommandOptionType.String, false],
      ['code', ApplicationCommandOptionType.String, false],
      ['catalog', ApplicationCommandOptionType.String, false],
    ]);
  });

  it('text: Discord’s max_length is the schema’s limit', () => {
    expect(json().find((o) => o.name === 'note')).toMatchObject({ max_length: 5 });
    expect(fromText('note:12345').note).toBe('12345');
    expect(thrownUserError(() => fromText('note:123456')).message).toBe('Invalid /probe: note: at most 5.');
    // Required on Discord because the schema refuses its absence.
    expect(thrownUserError(() => fromText('')).message).toMatch(/^Invalid \/probe: note: /);
  });

  it('integer: Discord’s bounds are the schema’s, and Slack digits are read as numbers', () => {
    expect(json().find((o) => o.name === 'count')).toMatchObject({ min_value: 1, max_value: 9 });
    expect(fromText('note:a count:9').count).toBe(9);
    expect(thrownUserError(() => fromText('note:a count:10')).message).toMatch(/count: Too big/);
    expect(thrownUserError(() => fromText('note:a count:0')).message).toMatch(/count: Too small/);
  });

  it('choice: Discord’s choices are exactly the values the schema takes; a default makes it optional', () => {
    const choices = json().find((o) => o.name === 'shape')?.choices as Array<{ value: string }>;
    expect(choices.map((c) => c.value)).toEqual(['round', 'square']);
    for (const { value } of choices) expect(fromText(`note:a shape:${value}`).shape).toBe(value);
    expect(fromText('note:a').shape).toBe('round');
    expect(thrownUserError(() => fromText('note:a shape:oval')).message).toMatch(/shape: Invalid option/);
  });

  it('user: a Slack mention becomes the id the schema takes', () => {
    expect(fromText('note:a <@U0MAYA0001|maya>').who).toBe('U0MAYA0001');
    expect(thrownUserError(() => fromText('note:a who:"two words"')).message).toMatch(/who: expected a user/);
  });

  it('formatted: read by its own schema, with the declared max_length on Discord', () => {
    expect(json().find((o) => o.name === 'code')).toMatchObject({ max_length: 4 });
    expect(fromText('note:a code:0042').code).toBe(42);
    expect(thrownUserError(() => fromText('note:a code:x')).message).toMatch(/code: digits only/);
  });

  it('catalog picker: offered only when there is a choice, accepted either way', () => {
    const choices = json().find((o) => o.name === 'catalog')?.choices as Array<{ value: string }>;
    expect(choices.map((c) => c.value).sort()).toEqual(
      two
        .list()
        .map((c) => c.id)
        .sort(),
    );
    expect(json(one).some((o) => o.name === 'catalog')).toBe(false);
    expect(probe.parse({ note: 'a', catalog: two.defaultId }, one).catalog).toBe(two.defaultId);
  });

  it('dimension group: offered one by one, gathered into one record, named as typed in errors', () => {
    expect(json().find((o) => o.name === 'style')).toMatchObject({ autocomplete: true });
    expect(fromText('note:a style:comic-book pose:waving').dims).toEqual({
      style: 'comic-book',
      pose: 'waving',
    });
    expect(probe.parse({ note: 'a', style: undefined }, two).dims).toEqual({});
    expect(thrownUserError(() => probe.parse({ note: 'a', style: ' ' }, two)).message).toMatch(
      /^Invalid \/probe: style: Too small/,
    );
    // The group's own key is no option anyone can send; nor is a prototype key.
    expect(thrownUserError(() => probe.parse({ note: 'a', dims: { style: 'x' } }, two)).message).toBe(
      'Invalid /probe: unknown option dims.',
    );
    const proto = JSON.parse('{"note":"a","__proto__":{"count":3}}') as Record<string, unknown>;
    expect(thrownUserError(() => probe.parse(proto, two)).message).toBe(
      'Invalid /probe: unknown option __proto__.',
    );
  });

  it('hidden: accepted from buttons and links, never offered', () => {
    expect(probe.parse({ note: 'a', hidden: 'x' }, two).hidden).toBe('x');
    expect(thrownUserError(() => fromText('note:a hidden:x')).message).toMatch(
      /^I did not understand "hidden:x"/,
    );
  });
});

describe('the option builder: subcommands', () => {
  const verbs = defineCommand({
    name: 'verbs',
    description: 'Two verbs',
    ephemeral: true,
    options: subcommands([
      subcommand('add', 'Add one', { amount: integer('How much', { min: 1, max: 5 }) }),
      subcommand('clear', 'Clear all', {}).transform(() => ({ subcommand: 'clear' as const, all: true })),
    ]),
    handle: async (input) => ({ type: 'text', text: input.subcommand }),
  });

  it('derives one Discord SUB_COMMAND per verb and parses the Slack verb first', () => {
    const options = toDiscordCommand(verbs, two).options as unknown as Array<Record<string, unknown>>;
    expect(options.map((o) => [o.name, o.type, o.description])).toEqual([
      ['add', ApplicationCommandOptionType.Subcommand, 'Add one'],
      ['clear', ApplicationCommandOptionType.Subcommand, 'Clear all'],
    ]);
    expect(options[0]?.options).toEqual([
      expect.objectContaining({ name: 'amount', required: true, min_value: 1, max_value: 5 }),
    ]);
    const parse = (text: string) => verbs.parse(parseCommandText(verbs.options(two), text), two);
    expect(parse('add 3')).toEqual({ subcommand: 'add', amount: 3 });
    expect(parse('clear')).toEqual({ subcommand: 'clear', all: true });
    expect(thrownUserError(() => parse('ad 3')).message).toBe('Unknown subcommand "ad". Did you mean "add"?');
  });

  it('names every verb when the one given is unknown', () => {
    expect(thrownUserError(() => verbs.parse({ subcommand: 'drop' }, two)).message).toBe(
      'Invalid /verbs: subcommand: expected one of add, clear.',
    );
  });
});
