import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { OptionSpec } from '../../../../commands/define.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import {
  CommandJsonError,
  discordCommands,
  toDiscordCommand,
} from '../../../../src/platforms/discord/command-json.js';

const catalogs = await loadCatalogs();

/** Any option list, as a command would offer it (including ones Discord refuses). */
const probe = (options: OptionSpec[], adminOnly?: boolean) => ({
  name: 'probe',
  description: 'A command for the derivation tests',
  ...(adminOnly === undefined ? {} : { adminOnly }),
  options: () => options,
});

describe('Discord command JSON: subcommands and admin commands', () => {
  const json = discordCommands(catalogs);
  const atelier = json.find((c) => c.name === 'atelier')!;

  it('registers /atelier for Manage Server holders only (default_member_permissions "32"), in guilds', () => {
    expect(atelier.default_member_permissions).toBe('32');
    expect(BigInt(atelier.default_member_permissions!)).toBe(PermissionFlagsBits.ManageGuild);
    expect(atelier.contexts).toEqual([0]);
    for (const other of json.filter((c) => c.name !== 'atelier'))
      expect(other.default_member_permissions).toBeUndefined();
  });

  it('derives one SUB_COMMAND per verb, each with its own options, required first', () => {
    const subs = atelier.options ?? [];
    expect(subs.map((o) => o.type)).toEqual(subs.map(() => ApplicationCommandOptionType.Subcommand));
    expect(subs.map((o) => o.name)).toEqual([
      'stats',
      'usage',
      'limits',
      'quota',
      'budget',
      'pause',
      'resume',
      'ban',
      'unban',
      'purge',
    ]);
    const quota = subs.find((o) => o.name === 'quota') as { options?: Array<Record<string, unknown>> };
    expect(quota.options?.map((o) => [o.name, o.type, o.required])).toEqual([
      ['limit', ApplicationCommandOptionType.String, true],
      ['value', ApplicationCommandOptionType.String, true],
    ]);
    expect((quota.options![0]!.choices as Array<{ value: string }>).map((c) => c.value)).toEqual([
      'user-hourly',
      'user-daily',
      'workspace-daily',
      'in-flight',
    ]);
    const ban = subs.find((o) => o.name === 'ban') as { options?: Array<Record<string, unknown>> };
    expect(ban.options?.map((o) => [o.name, o.type, o.required])).toEqual([
      ['user', ApplicationCommandOptionType.User, true],
      ['reason', ApplicationCommandOptionType.String, false],
    ]);
  });

  it('orders a subcommand’s required options first and refuses mixing subcommands with options', () => {
    const sub = toDiscordCommand(
      probe(
        [
          {
            kind: 'subcommand',
            name: 'go',
            description: 'Go',
            options: [
              { kind: 'string', name: 'later', description: 'Optional' },
              { kind: 'user', name: 'first', description: 'Required', required: true },
            ],
          },
        ],
        true,
      ),
      catalogs,
    );
    expect((sub.options![0] as { options: Array<{ name: string }> }).options.map((o) => o.name)).toEqual([
      'first',
      'later',
    ]);
    expect(sub.default_member_permissions).toBe('32');
    expect(() =>
      toDiscordCommand(
        probe([
          { kind: 'subcommand', name: 'go', description: 'Go', options: [] },
          { kind: 'string', name: 'loose', description: 'Loose' },
        ]),
        catalogs,
      ),
    ).toThrow(CommandJsonError);
  });
});
