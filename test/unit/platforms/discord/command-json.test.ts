import { describe, expect, it } from 'vitest';
import type { OptionSpec } from '../../../../commands/define.js';
import { commands } from '../../../../commands/index.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import {
  CommandJsonError,
  discordCommands,
  toDiscordCommand,
} from '../../../../src/platforms/discord/command-json.js';
import { wideRegistry } from './fixtures.js';

/** Any option list, as a command would offer it (including ones Discord refuses). */
const commandWith = (options: OptionSpec[]) => ({
  name: 'probe',
  description: 'A command for the derivation tests',
  options: () => options,
});

describe('Discord command JSON from the declarative definitions', () => {
  it('uses choices up to 25 values and autocomplete beyond, puts required options first', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `Option ${i}`, value: `o${i}` }));
    const json = toDiscordCommand(
      commandWith([
        { kind: 'string', name: 'few', description: 'Few', choices: many.slice(0, 25) },
        { kind: 'string', name: 'many', description: 'Many', choices: many },
        { kind: 'user', name: 'who', description: 'Who', required: true },
        { kind: 'string', name: 'free', description: 'd'.repeat(150), maxLength: 300 },
      ]),
      wideRegistry(),
    );
    expect(json.options?.map((o) => o.name)).toEqual(['who', 'few', 'many', 'free']);
    const [, few, many2, free] = (json.options ?? []) as unknown as Array<Record<string, unknown>>;
    expect(few?.choices).toHaveLength(25);
    expect(many2).toMatchObject({ autocomplete: true });
    expect(many2?.choices).toBeUndefined();
    expect(String(free?.description).length).toBe(100);
    expect(free).toMatchObject({ max_length: 300 });
  });

  it('refuses what Discord would refuse, naming the option', () => {
    expect(() =>
      toDiscordCommand(
        commandWith([{ kind: 'string', name: 'Has Space', description: 'x' }]),
        wideRegistry(),
      ),
    ).toThrow(CommandJsonError);
    const tooMany = Array.from({ length: 26 }, (_, i) => ({
      kind: 'integer' as const,
      name: `n${i}`,
      description: 'n',
    }));
    expect(() => toDiscordCommand(commandWith(tooMany), wideRegistry())).toThrow(
      /26 options; Discord allows 25/,
    );
  });

  it('derives every real command within Discord’s limits (a 40-option dimension autocompletes)', async () => {
    for (const registry of [await loadCatalogs(), wideRegistry()]) {
      const json = discordCommands(registry);
      expect(json.map((c) => c.name)).toEqual(commands.map((c) => c.name));
      for (const command of json) {
        expect(command.description.length).toBeLessThanOrEqual(100);
        expect(command.options?.length ?? 0).toBeLessThanOrEqual(25);
        for (const option of (command.options ?? []) as Array<{ choices?: unknown[] }>)
          expect(option.choices?.length ?? 0).toBeLessThanOrEqual(25);
      }
    }
    const style = discordCommands(wideRegistry())[0]?.options?.find((o) => o.name === 'style');
    expect(style).toMatchObject({ autocomplete: true });
  });
});
